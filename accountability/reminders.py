"""What is due when for buddies: the day-before reminder of a review meeting, and the
quarterly prompts (review your goals; schedule a review with each buddy)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from careergoals.notifications.preferences import settings_for
from careergoals.notifications.registry import Message, on_person_change, register
from careergoals.notifications.scheduling import Planned, arm, local_moment
from careergoals.users.timezones import user_zone

from .models import Partnership, ReviewMeeting

QUARTER_MONTHS = (1, 4, 7, 10)
REVIEW_SOON_DAYS = 30
QUARTERLY_STALE_DAYS = 7


def first_working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:  # Saturday, Sunday
        day += datetime.timedelta(days=1)
    return day


def next_quarter_start(today: datetime.date) -> datetime.date:
    """The first working day of the next quarter (today's, if it is that day)."""
    for year in (today.year, today.year + 1):
        for month in QUARTER_MONTHS:
            start = first_working_day(datetime.date(year, month, 1))
            if start >= today:
                return start
    raise AssertionError("unreachable")


def quarter_label(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


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
            subject=f"review:{meeting.pk}",
            occurrence=f"day-before:{meeting.starts_at.isoformat()}",
            due_at=due,
            stale_at=meeting.starts_at,
        )
        for user in meeting.partnership.members()
    ]


def arm_meeting(meeting: ReviewMeeting) -> None:
    arm(subject=f"review:{meeting.pk}", planned=plan_meeting(meeting))


@register("review_reminder")
def build_review_reminder(reminder):
    pk = reminder.subject.partition(":")[2]
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
        url=reverse("review_detail", args=[meeting.pk]),
    )


# --- Quarterly prompts ------------------------------------------------------------------------


def _quarterly(user, kind: str, subject: str, now) -> Planned:
    zone = user_zone(user)
    start = next_quarter_start(now.astimezone(zone).date())
    due = local_moment(start, settings_for(user).morning_hour, zone)
    if due <= now:  # today is the first working day and the morning has passed
        start = next_quarter_start(start + datetime.timedelta(days=1))
        due = local_moment(start, settings_for(user).morning_hour, zone)
    return Planned(
        recipient_id=user.pk,
        kind=kind,
        subject=subject,
        occurrence=quarter_label(start),
        due_at=due,
        stale_at=due + datetime.timedelta(days=QUARTERLY_STALE_DAYS),
    )


def _with_open_goals():
    from careergoals.users.models import User
    from goals.models import Goal

    open_goals = Q(goals__status__in=[Goal.Status.DRAFT, Goal.Status.ACTIVE])
    return User.objects.annotate(open_goals=Count("goals", filter=open_goals)).filter(
        open_goals__gt=0, is_active=True
    )


def _arm_person_prompt(user, now) -> None:
    planned = _quarterly(user, "quarterly", f"user:{user.pk}", now)
    arm(subject=f"user:{user.pk}", planned=[planned], kinds={"quarterly"}, now=now)


def _arm_pair_prompts(pair: Partnership, now) -> int:
    subject = f"partnership:{pair.pk}"
    planned = [_quarterly(u, "quarterly_partnership", subject, now) for u in pair.members()]
    arm(subject=subject, planned=planned, now=now)
    return len(planned)


def plan_quarterly(*, now=None) -> int:
    """Make sure everyone with open goals, and every pair, has next quarter's prompt.

    Runs daily from beat; adding rows is idempotent (one per person and quarter)."""
    now = now or timezone.now()
    count = 0
    for user in _with_open_goals():
        _arm_person_prompt(user, now)
        count += 1
    for pair in Partnership.objects.active().select_related("user_low", "user_high"):
        count += _arm_pair_prompts(pair, now)
    return count


@on_person_change
def arm_prompts_of(user, *, now=None) -> None:
    """After a change of hour or time zone: this person's prompts move to their new morning."""
    now = now or timezone.now()
    if _with_open_goals().filter(pk=user.pk).exists():
        _arm_person_prompt(user, now)
    pairs = Partnership.objects.active().filter(Q(user_low=user) | Q(user_high=user))
    for pair in pairs.select_related("user_low", "user_high"):
        _arm_pair_prompts(pair, now)


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


@register("quarterly")
def build_quarterly(reminder):
    from goals.models import Goal
    from goals.progress import goal_share
    from goals.selectors import goals_with_step_counts

    user = reminder.recipient
    since = timezone.now() - datetime.timedelta(days=92)
    goals = list(
        goals_with_step_counts(
            Goal.objects.filter(owner=user, status__in=[Goal.Status.DRAFT, Goal.Status.ACTIVE])
        )
        .annotate(
            recent_changes=Count("changes", filter=Q(changes__changed_at__gte=since), distinct=True)
        )
        .order_by("target_date")
    )
    if not goals:
        return None
    rows = [
        {
            "goal": goal,
            "percent": _percent(
                goal_share(goal, goal.steps_done, goal.step_count, goal.steps_skipped)
            ),
            "changes": goal.recent_changes,
        }
        for goal in goals
    ]
    return Message(
        subject=f"A new quarter: time to review your goals ({len(goals)} open)",
        template="quarterly",
        context={"rows": rows, "quarter": reminder.occurrence},
        url=reverse("home"),
    )


@register("quarterly_partnership")
def build_quarterly_partnership(reminder):
    pk = reminder.subject.partition(":")[2]
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
        url=reverse("review_propose", args=[pair.pk]),
    )
