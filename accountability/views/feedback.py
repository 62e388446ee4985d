"""Buddies' feedback, comments, nudges and congratulations on a goal they can see.

Goals come only through Goal.objects.visible_to / editable_by: anyone else gets 404.
With htmx the circle section of the goal page (#social) is swapped in place; a plain
form post goes back to the goal page, or to a small page with the form when it needs fixing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careergoals.forms import add_service_errors
from goals.models import Goal

from .. import services
from ..forms_social import CommentForm, CongratulationForm, FeedbackForm
from ..models import Comment
from ..social import goal_social_context

PARTIAL = "accountability/partials/goal_social.html"
FORM_PAGE = "accountability/goal_social_form.html"


def _visible_goal(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.visible_to(request.user).select_related("owner"), pk=pk)


def _section(request, goal, *, notice="", error="", **forms):
    context = goal_social_context(goal=goal, user=request.user)
    context |= {"goal": goal, "social_notice": notice, "social_error": error, **forms}
    return render(request, PARTIAL, context)


def _done(request, goal, notice: str, anchor: str = "social"):
    if request.htmx:
        return _section(request, goal, notice=notice)
    messages.success(request, notice)
    return redirect(f"{goal.get_absolute_url()}#{anchor}")


def _refused(request, goal, error: ValidationError):
    text = " ".join(error.messages)
    if request.htmx:
        return _section(request, goal, error=text)
    messages.error(request, text)
    return redirect(f"{goal.get_absolute_url()}#social")


def _fix_form(request, goal, form, *, name: str, title: str, url_name: str, button: str):
    """The form again, with its errors and the text as typed (nothing is lost)."""
    if request.htmx:
        return _section(request, goal, **{name: form})
    context = {
        "goal": goal,
        "form": form,
        "title": title,
        "action": reverse(url_name, args=[goal.pk]),
        "button": button,
    }
    return render(request, FORM_PAGE, context)


@login_required
@require_POST
def feedback_give(request, pk):
    goal = _visible_goal(request, pk)
    form = FeedbackForm(request.POST, auto_id="id_feedback_%s")
    if form.is_valid():
        try:
            services.feedback_give(goal=goal, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)  # shown with the form: what was typed stays
        else:
            return _done(
                request, goal, f"Thanks: {goal.owner.name} will see your answer.", "feedback"
            )
    return _fix_form(
        request,
        goal,
        form,
        name="feedback_form",
        title="Is this attainable?",
        url_name="feedback_give",
        button="Send my answer",
    )


@login_required
@require_POST
def comment_add(request, pk):
    goal = _visible_goal(request, pk)
    form = CommentForm(request.POST, goal=goal, auto_id="id_comment_%s")
    if form.is_valid():
        try:
            comment = services.comment_add(
                goal=goal,
                author=request.user,
                text=form.cleaned_data["text"],
                micro_goal=form.cleaned_data["micro_goal"],
            )
        except ValidationError as error:
            add_service_errors(form, error)  # shown with the form: what was typed stays
        else:
            return _done(request, goal, "Comment posted.", f"comment-{comment.pk}")
    return _fix_form(
        request,
        goal,
        form,
        name="comment_form",
        title="Add a comment",
        url_name="comment_add",
        button="Post comment",
    )


@login_required
@require_POST
def congratulate(request, pk):
    goal = _visible_goal(request, pk)
    form = CongratulationForm(request.POST, auto_id="id_congrats_%s")
    if form.is_valid():
        try:
            services.congratulate(goal=goal, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)  # shown with the form: what was typed stays
        else:
            return _done(
                request,
                goal,
                f"Your congratulations are on {goal.owner.name}’s goal.",
                "congratulations",
            )
    return _fix_form(
        request,
        goal,
        form,
        name="congratulation_form",
        title="Say congratulations",
        url_name="congratulate",
        button="Send congratulations",
    )


@login_required
@require_POST
def nudge(request, pk):
    goal = _visible_goal(request, pk)
    try:
        services.nudge_send(goal=goal, sender=request.user)
    except ValidationError as error:
        return _refused(request, goal, error)
    return _done(request, goal, f"Nudge sent: {goal.owner.name} gets a friendly email.")


@login_required
@require_POST
def comment_delete(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("goal__owner"),
        pk=pk,
        author=request.user,
        goal__in=Goal.objects.visible_to(request.user),
    )
    goal = comment.goal
    services.comment_delete(comment=comment, by=request.user)
    return _done(request, goal, "Your comment is deleted.")


@login_required
@require_POST
def comment_hide(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("goal__owner"),
        pk=pk,
        goal__in=Goal.objects.editable_by(request.user),
    )
    goal = comment.goal
    services.comment_hide(comment=comment, by=request.user)
    if comment.hidden_at:
        notice = "Comment hidden: your buddies no longer see it."
    else:
        notice = "Comment shown again to your buddies."
    return _done(request, goal, notice, f"comment-{comment.pk}")
