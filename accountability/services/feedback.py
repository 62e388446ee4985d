"""Attainability feedback, comments, nudges and congratulations on shared goals.

Every function checks access itself (the goal must be in ``Goal.objects.visible_to`` for
the person acting), so it is safe whichever view or task calls it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import AttainabilityFeedback, Comment, Nudge
from accountability.selectors import goal_audience
from careergoals.notifications.models import NotificationSettings
from careergoals.notifications.services import notify
from careergoals.users.timezones import user_today
from goals.models import Goal, MicroGoal

__all__ = [
    "COMMENT_MAX_LENGTH",
    "celebration_announce",
    "comment_add",
    "comment_delete",
    "comment_hide",
    "congratulate",
    "feedback_give",
    "nudge_send",
]

COMMENT_MAX_LENGTH = Comment._meta.get_field("text").max_length
FEEDBACK_MAX_LENGTH = AttainabilityFeedback._meta.get_field("comment").max_length


def _one_line(text: str, limit: int = 60) -> str:
    """User text fit for an email subject: one line (a newline there is refused), short."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_can_see(goal: Goal, user) -> None:
    if not Goal.objects.visible_to(user).filter(pk=goal.pk).exists():
        raise PermissionDenied("This goal is not shared with you.")


def _check_not_owner(goal: Goal, user, message: str) -> None:
    if goal.owner_id == user.pk:
        raise ValidationError(message)


def _clean_text(text: str, *, field: str, limit: int, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({field: _("Write a few words first.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("That is too long: up to %(limit)s characters, please (%(now)s now).")
                % {
                    "limit": number_format(limit, force_grouping=True),
                    "now": number_format(len(text), force_grouping=True),
                }
            }
        )
    return text


def _goal_url(goal: Goal, anchor: str = "") -> str:
    return goal.get_absolute_url() + (f"#{anchor}" if anchor else "")


# --- Attainability ------------------------------------------------------------------------


@transaction.atomic
def feedback_give(*, goal: Goal, author, verdict: str, comment: str = "") -> AttainabilityFeedback:
    """A buddy's answer to “is this attainable?”; giving it again replaces the earlier one."""
    _check_can_see(goal, author)
    _check_not_owner(
        goal, author, _("This is your own goal: your buddies give feedback on it, not you.")
    )
    if not goal.is_open:
        raise ValidationError(_("This goal is closed, so it no longer asks for feedback."))
    try:
        verdict = AttainabilityFeedback.Verdict(verdict)
    except ValueError:
        raise ValidationError(
            {"verdict": _("Choose one answer: realistic, a stretch or unrealistic.")}
        ) from None
    comment = _clean_text(comment, field="comment", limit=FEEDBACK_MAX_LENGTH, required=False)
    feedback, _created = AttainabilityFeedback.objects.update_or_create(
        goal=goal, author=author, defaults={"verdict": verdict, "comment": comment}
    )
    notify(
        kind="attainability_feedback",
        recipient=goal.owner,
        subject=format_lazy(
            gettext_lazy("{name} answered “Is this attainable?” about your goal"),
            name=_one_line(author.name),
        ),
        template="attainability_feedback",
        context={"goal": goal, "author": author, "feedback": feedback},
        url=_goal_url(goal, "feedback"),
    )
    return feedback


# --- Comments -----------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, goal: Goal, author, text: str, micro_goal: MicroGoal | None = None) -> Comment:
    """A comment on a goal, or on one of its steps. The owner may reply on their own goal."""
    _check_can_see(goal, author)
    if micro_goal is not None and micro_goal.goal_id != goal.pk:
        raise ValidationError({"micro_goal": _("That step is not part of this goal.")})
    text = _clean_text(text, field="text", limit=COMMENT_MAX_LENGTH)
    comment = Comment.objects.create(goal=goal, micro_goal=micro_goal, author=author, text=text)
    if author.pk != goal.owner_id:
        notify(
            kind="comment",
            recipient=goal.owner,
            subject=format_lazy(
                gettext_lazy("{name} commented on your goal"), name=_one_line(author.name)
            ),
            template="comment",
            context={"goal": goal, "author": author, "comment": comment},
            url=_goal_url(goal, f"comment-{comment.pk}"),
        )
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by) -> None:
    """Only the author deletes a comment (the owner hides it instead)."""
    if comment.author_id != by.pk:
        raise PermissionDenied("Only the author can delete a comment.")
    comment.delete()


@transaction.atomic
def comment_hide(*, comment: Comment, by) -> Comment:
    """The goal's owner hides a comment from buddies, or shows it again."""
    if comment.goal.owner_id != by.pk:
        raise PermissionDenied("Only the goal's owner can hide a comment.")
    comment.hidden_at = None if comment.hidden_at else timezone.now()
    comment.save(update_fields=["hidden_at"])
    return comment


# --- Nudges -------------------------------------------------------------------------------


@transaction.atomic
def nudge_send(*, goal: Goal, sender) -> Nudge:
    """A friendly “how is it going?” email to the owner; one per goal per day (their day)."""
    _check_can_see(goal, sender)
    _check_not_owner(goal, sender, _("You can’t nudge yourself: nudges are for your buddies."))
    if not goal.is_open:
        raise ValidationError(_("This goal is closed: there is nothing left to nudge about."))
    sent_on = user_today(goal.owner)
    try:
        with transaction.atomic():
            nudge = Nudge.objects.create(goal=goal, sender=sender, sent_on=sent_on)
    except IntegrityError:
        earlier = Nudge.objects.select_related("sender").filter(goal=goal, sent_on=sent_on).first()
        if earlier is None or earlier.sender_id == sender.pk:
            message = _(
                "You already nudged %(owner)s about this goal today. "
                "One nudge a day is plenty: try again tomorrow."
            )
        else:
            message = _(
                "%(sender)s already nudged %(owner)s about this goal today. "
                "One nudge a day is plenty: try again tomorrow."
            )
        raise ValidationError(
            message % {"sender": earlier and earlier.sender.name, "owner": goal.owner.name}
        ) from None
    notify(
        kind="nudge",
        recipient=goal.owner,
        subject=format_lazy(
            gettext_lazy("{name} is asking how your goal is going"), name=_one_line(sender.name)
        ),
        template="nudge",
        context={"goal": goal, "sender": sender},
        url=_goal_url(goal),
        dedupe_key=f"nudge:{goal.pk}:{sent_on.isoformat()}",
    )
    return nudge


# --- Celebration --------------------------------------------------------------------------


def celebration_announce(*, goal: Goal) -> int:
    """Tell every buddy who can see the achieved goal; once per buddy per achievement."""
    if goal.status != Goal.Status.ACHIEVED or goal.achieved_at is None:
        return 0
    from careergoals.users.models import User

    stamp = int(goal.achieved_at.timestamp())
    ids = [buddy.pk for buddy in goal_audience(goal=goal)]
    # notify() reads each recipient's email preferences, creating them on first use: make
    # sure they exist, then load them with the buddies rather than one by one.
    NotificationSettings.objects.bulk_create(
        [NotificationSettings(user_id=pk) for pk in ids], ignore_conflicts=True
    )
    audience = User.objects.filter(pk__in=ids).select_related("notification_settings")
    sent = 0
    for buddy in audience.order_by("email"):
        notification = notify(
            kind="celebration",
            recipient=buddy,
            subject=format_lazy(
                gettext_lazy("{name} reached a goal: say congratulations!"),
                name=_one_line(goal.owner.name),
            ),
            template="celebration",
            context={"goal": goal, "owner": goal.owner, "buddy": buddy},
            url=_goal_url(goal, "congratulations"),
            dedupe_key=f"celebration:{goal.pk}:{buddy.pk}:{stamp}",
        )
        sent += notification is not None
    return sent


@transaction.atomic
def congratulate(*, goal: Goal, author, text: str) -> Comment:
    """A buddy's congratulation on an achieved goal; it lands on the goal for the owner."""
    _check_can_see(goal, author)
    _check_not_owner(
        goal, author, _("This is your own goal: enjoy it, your buddies cheer for you.")
    )
    if goal.status != Goal.Status.ACHIEVED:
        raise ValidationError(_("Congratulations open once the goal is marked achieved."))
    text = _clean_text(text, field="text", limit=COMMENT_MAX_LENGTH)
    comment = Comment.objects.create(
        goal=goal, author=author, kind=Comment.Kind.CONGRATULATION, text=text
    )
    notify(
        kind="congratulation",
        recipient=goal.owner,
        subject=format_lazy(
            gettext_lazy("{name} congratulates you on reaching your goal"),
            name=_one_line(author.name),
        ),
        template="congratulation",
        context={"goal": goal, "author": author, "comment": comment},
        url=_goal_url(goal, f"comment-{comment.pk}"),
    )
    return comment
