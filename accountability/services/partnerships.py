from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import (
    MAX_BUDDIES,
    BuddyCheckIn,
    GoalShare,
    Partnership,
    ReviewMeeting,
)
from accountability.reminders import arm_check_in_prompts, arm_meeting, arm_pair_prompts
from accountability.selectors import active_partnership
from accountability.services.calendar import calendar_changed
from careergoals.notifications.services import notifications_repoint, notify
from goals import reminders
from goals.models import Goal

__all__ = [
    "partnership_create",
    "partnership_end",
    "partnerships_close_for_deleted_account",
]


def _check_room(user) -> None:
    if Partnership.objects.active().of(user).count() >= MAX_BUDDIES:
        raise ValidationError(
            _(
                "%(name)s already has %(count)s buddies: a small circle works best. "
                "End a partnership first to make room."
            )
            % {"name": user.name, "count": MAX_BUDDIES}
        )


def _lock_people(*people) -> None:
    """Lock both people's rows, lowest id first, until the transaction ends.

    Two acceptances that involve the same person then run one after the other, so the
    second one counts the first one's partnership and the cap of five holds."""
    pks = sorted({person.pk for person in people})
    locked = get_user_model().objects.select_for_update().filter(pk__in=pks).order_by("pk")
    if len(list(locked)) < len(pks):  # an account was deleted meanwhile
        raise ValidationError(_("That account no longer exists."))


@transaction.atomic
def partnership_create(*, a, b) -> Partnership:
    if a.pk == b.pk:
        raise ValidationError(_("You can’t be your own buddy."))
    _lock_people(a, b)
    if active_partnership(a=a, b=b):
        raise ValidationError(_("You are already buddies."))
    _check_room(a)
    _check_room(b)
    low, high = sorted([a, b], key=lambda user: user.pk)
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(user_low=low, user_high=high)
    except IntegrityError:  # the other side accepted an invitation at the same moment
        raise ValidationError(_("You are already buddies.")) from None
    _rearm_buddy_heads_ups(partnership)
    arm_pair_prompts(partnership)  # "schedule this quarter's review", every quarter
    calendar_changed(people=[a, b])  # each now sees what the other shares
    return partnership


def _rearm_buddy_heads_ups(partnership: Partnership, *, people=None) -> None:
    """A new or ended pair changes who gets heads-ups on goals shared with all buddies."""
    for user in people or partnership.members():
        for goal in Goal.objects.filter(owner=user, buddy_reminders=True):
            goal.owner = user
            reminders.arm_goal(goal)


@transaction.atomic
def partnership_end(*, partnership: Partnership, by) -> Partnership:
    """End it now: access to each other's goals goes with it."""
    if not partnership.includes(by):
        raise ValidationError(_("Only the two buddies can end a partnership."))
    if partnership.ended_at is None:
        partnership.ended_at = timezone.now()
        partnership.ended_by = by
        partnership.save(update_fields=["ended_at", "ended_by"])
        # Chosen shares between the two go too, so a later reunion starts private.
        for owner, other in (
            (partnership.user_low, partnership.user_high),
            (partnership.user_high, partnership.user_low),
        ):
            GoalShare.objects.filter(goal__in=Goal.objects.filter(owner=owner), user=other).delete()
        _rearm_buddy_heads_ups(partnership)
        arm_check_in_prompts(partnership)  # ended: no more check-in prompts
        calendar_changed(people=[partnership.user_low_id, partnership.user_high_id])
    return partnership


@transaction.atomic
def partnerships_close_for_deleted_account(*, user) -> None:
    """Called just before ``user``'s account is deleted.

    Each current partnership ends, visibly: the buddy who stays keeps the record (the rules
    they agreed, the review meetings and their notes), is told, and their old notifications
    about the leaver's goals lead to that record instead of a missing page. A partnership
    whose other member already left has nobody to keep it, so it goes."""
    partnerships = (
        Partnership.objects.of(user)
        .select_related("user_low", "user_high")
        .select_for_update(of=("self",))
    )
    for partnership in partnerships:
        staying = partnership.other(user)
        if staying is None:
            partnership.delete()
        elif partnership.is_active:
            _close_as_kept_record(partnership, leaving=user, staying=staying)


def _close_as_kept_record(partnership: Partnership, *, leaving, staying) -> None:
    partnership.ended_at = timezone.now()
    partnership.ended_by = leaving
    partnership.account_deleted = True
    partnership.save(update_fields=["ended_at", "ended_by", "account_deleted"])
    GoalShare.objects.filter(goal__owner=staying, user=leaving).delete()
    meetings = ReviewMeeting.objects.filter(partnership_id=partnership.pk)
    planned = meetings.filter(
        status__in=(ReviewMeeting.Status.PROPOSED, ReviewMeeting.Status.ACCEPTED)
    )
    for meeting in planned.select_for_update():  # and their day-before reminders go
        meeting.status = ReviewMeeting.Status.CANCELLED
        meeting.responded_at = timezone.now()
        meeting.save(update_fields=["status", "responded_at"])
        arm_meeting(meeting)
    _rearm_buddy_heads_ups(partnership, people=[staying])  # the leaver's reminders go with them
    calendar_changed(people=[staying])
    record = reverse("buddies:partnership_detail", args=[partnership.pk])
    their_goals = Goal.objects.filter(owner=leaving).values_list("pk", flat=True)
    notifications_repoint(
        recipient=staying,
        url_prefixes=[reverse("goals:goal_detail", args=[pk]) for pk in their_goals]
        + [f"{record}rules/", f"{record}reviews/"],
        url=record,
    )
    arm_check_in_prompts(partnership)  # ended: no more check-in prompts
    check_ins = BuddyCheckIn.objects.filter(partnership_id=partnership.pk)
    notifications_repoint(  # the leaver's check-ins went with them; the other's are kept
        recipient=staying,
        url_prefixes=[f"{record}check-in/"]
        + [
            reverse("buddies:check_in_detail", args=[pk])
            for pk in check_ins.values_list("pk", flat=True)
        ],
        url=record,
    )
    for meeting_pk in meetings.values_list("pk", flat=True):
        notifications_repoint(
            recipient=staying,
            url_prefixes=[reverse("buddies:review_detail", args=[meeting_pk])],
            url=f"{record}#review-{meeting_pk}",
        )
    name = " ".join(leaving.name.split())
    notify(
        kind="partnership_ended",
        recipient=staying,
        subject=format_lazy(
            gettext_lazy("{name} deleted their account, so your partnership has ended"), name=name
        ),
        template="partnership_ended",
        context={"former_buddy": name, "partnership": partnership},
        url=record,
    )
