"""What a goal page shows of the circle around a goal, in a fixed number of queries.

Owner: who can see the goal, all feedback, every comment (hidden ones marked as hidden).
Buddy: feedback, visible comments, their forms and whether a nudge already went out today.
Callers must already have fetched the goal through ``Goal.objects.visible_to(user)``, with
its owner (``select_related("owner")``).
"""

from collections import Counter

from django.utils.translation import gettext

from careergoals.users.timezones import user_today
from goals.models import Goal

from .forms_social import CommentForm, CongratulationForm, FeedbackForm
from .models import AttainabilityFeedback, Comment, Nudge
from .selectors import goal_audience


def _feedback_summary(feedback: list[AttainabilityFeedback]) -> list[dict]:
    counts = Counter(item.verdict for item in feedback)
    return [
        {"verdict": verdict.value, "label": verdict.label, "count": counts[verdict.value]}
        for verdict in AttainabilityFeedback.Verdict
        if counts[verdict.value]
    ]


def goal_social_context(*, goal: Goal, user) -> dict:
    is_owner = goal.owner_id == user.pk
    feedback = list(goal.feedback.select_related("author"))
    comments = goal.comments.select_related("author", "micro_goal")
    if not is_owner:
        comments = comments.filter(hidden_at__isnull=True)
    comments = list(comments)
    my_feedback = next((item for item in feedback if item.author_id == user.pk), None)
    achieved = goal.status == Goal.Status.ACHIEVED
    context = {
        "is_owner": is_owner,
        "feedback_list": feedback,
        "feedback_summary": _feedback_summary(feedback),
        "my_feedback": my_feedback,
        "comments": [c for c in comments if c.kind == Comment.Kind.COMMENT],
        "congratulations": [c for c in comments if c.kind == Comment.Kind.CONGRATULATION],
        "comment_form": CommentForm(goal=goal, auto_id="id_comment_%s"),
        "audience": None,
        "feedback_form": None,
        "congratulation_form": None,
        "congratulated": False,
        "nudged_today": None,
        "can_nudge": False,
    }
    if is_owner:
        context["audience"] = goal_audience(goal=goal)
        return context
    if goal.is_open:
        initial = (
            {"verdict": my_feedback.verdict, "comment": my_feedback.comment}
            if my_feedback
            else None
        )
        context["feedback_form"] = FeedbackForm(initial=initial, auto_id="id_feedback_%s")
        nudge = (
            Nudge.objects.select_related("sender")
            .filter(goal=goal, sent_on=user_today(goal.owner))
            .first()
        )
        context["nudged_today"] = nudge
        context["can_nudge"] = nudge is None
    if achieved:
        congratulated = any(c.author_id == user.pk for c in context["congratulations"])
        context["congratulated"] = congratulated
        initial = None if congratulated else {"text": gettext("Congratulations, well done!")}
        context["congratulation_form"] = CongratulationForm(
            initial=initial, auto_id="id_congrats_%s"
        )
    return context
