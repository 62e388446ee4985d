"""What is due when for buddies: the day-before reminder of a review meeting, and each
pair's quarterly prompt to schedule a review. (A person's own quarterly prompt to review
their goals lives with the goals, in goals/reminders.py.)"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careergoals.notifications.preferences import choices_of
from careergoals.notifications.registry import Message, on_person_change, register, then
from careergoals.notifications.scheduling import (
    Planned,
    add,
    arm,
    next_quarter_moment,
)
from careergoals.users.timezones import user_zone

from .models import Partnership, ReviewMeeting

REVIEW_SOON_DAYS = 30
QUARTERLY_STALE_DAYS = 7


# --- Review meetings --------------------------------------------------------------------------


def plan_meeting(meeting: ReviewMeeting) -> list[Planned]:
    if meeting.status not in (ReviewMeeting.Status.PROPOSED, ReviewMeeting.Status.ACCEPTED):
        return []
    try:
        due = meeting.starts_at - datetime.timedelta(days=1)
    except OverflowError:  # at the very start of the calendar: there is no day before
        return []
    return [
        Planned(
            recipient_id=user.pk,
            kind="review_reminder",
            item=f"review:{meeting.pk}",
            occurrence=f"day-before:{meeting.starts_at.isoformat()}",
            due_at=due,
            stale_at=meeting.starts_at,
        )
        for user in meeting.partnership.members()
    ]


def arm_meeting(meeting: ReviewMeeting) -> None:
    arm(item=f"review:{meeting.pk}", planned=plan_meeting(meeting))


@register("review_reminder")
def build_review_reminder(reminder):
    pk = reminder.item.partition(":")[2]
    meeting = (
        ReviewMeeting.objects.select_related("partnership__user_low", "partnership__user_high")
        .filter(pk=pk, partnership__ended_at__isnull=True)
        .first()
    )
    if meeting is None or not plan_meeting(meeting):
        return None
    if reminder.occurrence != f"day-before:{meeting.starts_at.isoformat()}":
        return None  # moved since
    other = meeting.partnership.other(reminder.recipient)
    local = meeting.starts_at.astimezone(user_zone(reminder.recipient))
    return Message(
        subject=f"Your review with {other.name} is tomorrow at {local:%H:%M}",
        template="review_reminder",
        context={"meeting": meeting, "other": other, "local_start": local},
        url=reverse("buddies:review_detail", args=[meeting.pk]),
    )


# --- Quarterly prompts ------------------------------------------------------------------------


# Each pair's prompt lives with the pair: planned when the partnership starts, when either
# one's hour or time zone changes (rearm_person) and, once handled, for the quarter after.


def _pair_prompt(pair: Partnership, user, choices, *, after) -> Planned:
    quarter, due = next_quarter_moment(choices.morning_hour, user_zone(user), after)
    return Planned(
        recipient_id=user.pk,
        kind="quarterly_partnership",
        item=f"partnership:{pair.pk}",
        occurrence=quarter,
        due_at=due,
        stale_at=due + datetime.timedelta(days=QUARTERLY_STALE_DAYS),
    )


def arm_pair_prompts(pair: Partnership, *, now=None) -> None:
    """The next quarter's "schedule a review" prompt for both, each at their own hour."""
    now = now or timezone.now()
    members = pair.members()
    choices = choices_of([user.pk for user in members])
    planned = [_pair_prompt(pair, user, choices[user.pk], after=now) for user in members]
    arm(item=f"partnership:{pair.pk}", planned=planned, now=now)


@on_person_change
def arm_pair_prompts_of(user, *, now=None) -> None:
    """After a change of hour or time zone: this person's pairs' prompts move as well."""
    pairs = Partnership.objects.active().filter(Q(user_low=user) | Q(user_high=user))
    for pair in pairs.select_related("user_low", "user_high"):
        arm_pair_prompts(pair, now=now)


@then("quarterly_partnership")
def plan_next_pair_prompt(reminder, now) -> None:
    """Sent or skipped, this person's prompt for the quarter after, while the pair lasts."""
    pk = reminder.item.partition(":")[2]
    pair = Partnership.objects.active().filter(pk=pk).first()
    if pair is None or not pair.includes(reminder.recipient):
        return
    user = reminder.recipient
    after = max(now, reminder.due_at)
    add([_pair_prompt(pair, user, choices_of([user.pk])[user.pk], after=after)])


@register("quarterly_partnership")
def build_quarterly_partnership(reminder):
    pk = reminder.item.partition(":")[2]
    pair = Partnership.objects.active().filter(pk=pk).first()
    if pair is None or not pair.includes(reminder.recipient):
        return None
    soon = timezone.now() + datetime.timedelta(days=REVIEW_SOON_DAYS)
    scheduled = pair.review_meetings.filter(
        status__in=[ReviewMeeting.Status.PROPOSED, ReviewMeeting.Status.ACCEPTED],
        starts_at__gte=timezone.now(),
        starts_at__lte=soon,
    ).exists()
    if scheduled:
        return None
    other = pair.other(reminder.recipient)
    return Message(
        subject=f"Schedule this quarter’s review with {other.name}",
        template="quarterly_partnership",
        context={"other": other, "quarter": reminder.occurrence},
        url=reverse("buddies:review_propose", args=[pair.pk]),
    )
