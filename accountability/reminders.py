"""What is due when for buddies: the day-before reminder of a review meeting, and each
pair's quarterly prompt to schedule a review. (A person's own quarterly prompt to review
their goals lives with the goals, in goals/reminders.py.)"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from careergoals.notifications.preferences import choices_of
from careergoals.notifications.registry import Message, on_person_change, register, then
from careergoals.notifications.scheduling import (
    Planned,
    add,
    arm,
    local_moment,
    next_quarter_moment,
)
from careergoals.users.timezones import user_zone
from goals.models import Goal, MicroGoal

from .models import BuddyCheckIn, Partnership, ReviewMeeting
from .models.check_in import agreed_day_on_or_after, is_agreed_day
from .selectors.check_ins import check_in_rhythm, check_ins_shared_goals

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
        # Lazy: read in the recipient's language when the email is written.
        subject=format_lazy(
            _("Your review with {name} is tomorrow at {time}"),
            name=other.name,
            time=f"{local:%H:%M}",
        ),
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
        subject=format_lazy(_("Schedule this quarter’s review with {name}"), name=other.name),
        template="quarterly_partnership",
        context={"other": other, "quarter": reminder.occurrence},
        url=reverse("buddies:review_propose", args=[pair.pk]),
    )


# --- Check-ins with a buddy --------------------------------------------------------------------


# Each person's prompt lives with the pair (item "rhythm:<pair>", one occurrence per agreed
# day): planned once both confirmed the rules, moved when the rules or either one's hour or
# time zone change, and, once handled, for the next agreed day. The buddy's one nudge about
# an unanswered check-in is item "buddy_check_in:<pk>", occurrence "once": never twice.
# Two days after each person's prompt, their buddy hears if it went unwritten while a
# deadline they hear about anyway (the goal's heads-up to buddies is on) is close.
CHECK_IN_PROMPT_STALE_DAYS = 2
CHECK_IN_MISSED_AFTER_DAYS = 2
CHECK_IN_MISSED_STALE_DAYS = 3
CHECK_IN_MISSED_DEADLINE_DAYS = 14
CHECK_IN_NUDGE_AFTER_DAYS = 2
CHECK_IN_NUDGE_STALE_DAYS = 5


def _check_in_prompt(pair: Partnership, agreement, user, choices, *, after) -> Planned:
    zone = user_zone(user)
    day = agreed_day_on_or_after(
        cadence=agreement.cadence, weekday=agreement.check_in_day, day=after.astimezone(zone).date()
    )
    due = local_moment(day, choices.morning_hour, zone)
    if due <= after:  # that day is today and the hour has passed: the next agreed day
        day = agreed_day_on_or_after(
            cadence=agreement.cadence,
            weekday=agreement.check_in_day,
            day=day + datetime.timedelta(days=1),
        )
        due = local_moment(day, choices.morning_hour, zone)
    return Planned(
        recipient_id=user.pk,
        kind="check_in_prompt",
        item=f"rhythm:{pair.pk}",
        occurrence=day.isoformat(),
        due_at=due,
        stale_at=due + datetime.timedelta(days=CHECK_IN_PROMPT_STALE_DAYS),
    )


def _check_in_plan(pair: Partnership, agreement, user, choices, *, after) -> list[Planned]:
    """This person's next prompt, and the word to their buddy should it go unwritten."""
    prompt = _check_in_prompt(pair, agreement, user, choices, after=after)
    other = pair.other(user)
    if other is None:
        return [prompt]
    missed_at = prompt.due_at + datetime.timedelta(days=CHECK_IN_MISSED_AFTER_DAYS)
    missed = Planned(
        recipient_id=other.pk,
        kind="check_in_missed",
        item=prompt.item,
        occurrence=f"missed:{user.pk}:{prompt.occurrence}",
        due_at=missed_at,
        stale_at=missed_at + datetime.timedelta(days=CHECK_IN_MISSED_STALE_DAYS),
    )
    return [prompt, missed]


def arm_check_in_prompts(pair: Partnership, *, now=None) -> None:
    """Both people's next check-in prompt, each at their own hour; none without an agreed
    rhythm (no rules yet, or a version one of them has not confirmed)."""
    now = now or timezone.now()
    agreement = check_in_rhythm(partnership=pair) if pair.is_active else None
    planned = []
    if agreement is not None:
        members = pair.members()
        choices = choices_of([user.pk for user in members])
        planned = [
            planned
            for user in members
            for planned in _check_in_plan(pair, agreement, user, choices[user.pk], after=now)
        ]
    arm(item=f"rhythm:{pair.pk}", planned=planned, now=now)


@on_person_change
def arm_check_in_prompts_of(user, *, now=None) -> None:
    pairs = Partnership.objects.active().filter(Q(user_low=user) | Q(user_high=user))
    for pair in pairs.select_related("user_low", "user_high"):
        arm_check_in_prompts(pair, now=now)


@then("check_in_prompt")
def plan_next_check_in_prompt(reminder, now) -> None:
    """Sent or skipped, this person's prompt for the next agreed day, while the rhythm holds."""
    pk = reminder.item.partition(":")[2]
    pair = Partnership.objects.active().filter(pk=pk).first()
    if pair is None or not pair.includes(reminder.recipient):
        return
    agreement = check_in_rhythm(partnership=pair)
    if agreement is None:
        return
    user = reminder.recipient
    after = max(now, reminder.due_at)
    add(_check_in_plan(pair, agreement, user, choices_of([user.pk])[user.pk], after=after))


@register("check_in_prompt")
def build_check_in_prompt(reminder):
    pk = reminder.item.partition(":")[2]
    pair = (
        Partnership.objects.active().select_related("user_low", "user_high").filter(pk=pk).first()
    )
    if pair is None or not pair.includes(reminder.recipient):
        return None
    agreement = check_in_rhythm(partnership=pair)
    day = datetime.date.fromisoformat(reminder.occurrence)
    if agreement is None or not is_agreed_day(
        cadence=agreement.cadence, weekday=agreement.check_in_day, day=day
    ):
        return None  # the rhythm changed since
    user = reminder.recipient
    if BuddyCheckIn.objects.filter(partnership=pair, author=user, due_on=day).exists():
        return None  # written already
    other = pair.other(user)
    goals = check_ins_shared_goals(owner=user, buddy=other)
    if not goals:
        return None  # nothing shared with this buddy to check in about
    return Message(
        subject=format_lazy(_("Time for your check-in with {name}"), name=other.name),
        template="check_in_prompt",
        context={"other": other, "goals": goals, "agreement": agreement},
        url=reverse("buddies:check_in_write", args=[pair.pk]),
    )


def plan_check_in_nudge(check_in) -> list[Planned]:
    """The buddy hears once, two days on, if they have not answered by then."""
    buddy = check_in.partnership.other(check_in.author)
    if buddy is None or check_in.is_acknowledged:
        return []
    due = check_in.written_at + datetime.timedelta(days=CHECK_IN_NUDGE_AFTER_DAYS)
    return [
        Planned(
            recipient_id=buddy.pk,
            kind="check_in_nudge",
            item=f"buddy_check_in:{check_in.pk}",
            occurrence="once",
            due_at=due,
            stale_at=due + datetime.timedelta(days=CHECK_IN_NUDGE_STALE_DAYS),
        )
    ]


@register("check_in_nudge")
def build_check_in_nudge(reminder):
    pk = reminder.item.partition(":")[2]
    check_in = (
        BuddyCheckIn.objects.filter(pk=pk, partnership__ended_at__isnull=True)
        .select_related("author", "partnership")
        .first()
    )
    if check_in is None or check_in.is_acknowledged:
        return None
    if not check_in.partnership.includes(reminder.recipient):
        return None
    return Message(
        subject=format_lazy(
            _("{name} is waiting to hear back on their check-in"), name=check_in.author.name
        ),
        template="check_in_nudge",
        context={"author": check_in.author, "check_in": check_in},
        url=reverse("buddies:check_in_detail", args=[check_in.pk]),
    )


@register("check_in_missed")
def build_check_in_missed(reminder):
    """The buddy hears of a check-in left unwritten only while one of the writer's deadlines
    that the buddy already hears about (the goal's heads-up is on) is close."""
    _kind, author_pk, day = reminder.occurrence.split(":")
    pk = reminder.item.partition(":")[2]
    pair = Partnership.objects.active().select_related("user_low", "user_high").filter(pk=pk)
    pair = pair.first()
    if pair is None or not pair.includes(reminder.recipient):
        return None
    author = pair.other(reminder.recipient)
    agreement = check_in_rhythm(partnership=pair)
    if author is None or str(author.pk) != author_pk or agreement is None:
        return None
    if BuddyCheckIn.objects.filter(partnership=pair, author=author, due_on=day).exists():
        return None  # written after all
    deadlines = close_deadlines(owner=author, buddy=reminder.recipient)
    if not deadlines:
        return None
    return Message(
        subject=format_lazy(_("{name} missed a check-in, with a deadline close"), name=author.name),
        template="check_in_missed",
        context={"author": author, "deadlines": deadlines},
        url=reverse("buddies:partnership_detail", args=[pair.pk]),
    )


def close_deadlines(*, owner, buddy) -> list[tuple[str, datetime.date]]:
    """The owner's goal and step deadlines in the next two weeks, on goals this buddy can
    see and hears deadline heads-ups about; oldest first."""
    today = timezone.now().astimezone(user_zone(buddy)).date()
    until = today + datetime.timedelta(days=CHECK_IN_MISSED_DEADLINE_DAYS)
    goals = Goal.objects.visible_to(buddy).filter(
        owner=owner, buddy_reminders=True, status__in=[Goal.Status.DRAFT, Goal.Status.ACTIVE]
    )
    found = [
        (goal.statement, goal.target_date)
        for goal in goals.filter(target_date__range=(today, until))
    ]
    steps = MicroGoal.objects.filter(goal__in=goals, deadline__range=(today, until)).exclude(
        status__in=MicroGoal.CLOSED
    )
    found += [(step.title, step.deadline) for step in steps]
    return sorted(found, key=lambda pair: pair[1])
