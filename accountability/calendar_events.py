"""What a person's calendar holds: their deadlines, their buddies' shared ones, review meetings.

`calendar_events` reads in a fixed number of queries (three, whatever the number of goals);
`month_grid`, `build_ics` and `meeting_ics` are pure functions over what it returned.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse

from accountability.models import Partnership, ReviewMeeting
from careergoals.notifications.services import absolute_url
from careergoals.users.timezones import user_zone
from goals.models import Goal, MicroGoal

OPEN_GOALS = (Goal.Status.DRAFT, Goal.Status.ACTIVE)
SHOWN_MEETINGS = (
    ReviewMeeting.Status.PROPOSED,
    ReviewMeeting.Status.ACCEPTED,
    ReviewMeeting.Status.HELD,
)
DEADLINE_ALARMS = (datetime.timedelta(days=-7), datetime.timedelta(days=-1))
MEETING_ALARMS = (datetime.timedelta(days=-1), datetime.timedelta(hours=-1))
REFRESH = datetime.timedelta(hours=6)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # the legend
    one: str  # a single entry, for screen readers
    css: str  # Bootstrap *-subtle / *-emphasis pairs work in light and dark themes


MY_GOAL = Kind(
    "my_goal",
    "My goals",
    "My goal deadline",
    "bg-primary-subtle text-primary-emphasis border-primary",
)
MY_STEP = Kind("my_step", "My steps", "My step", "bg-info-subtle text-info-emphasis border-info")
BUDDY_GOAL = Kind(
    "buddy_goal",
    "Buddies’ goals",
    "Buddy’s goal deadline",
    "bg-success-subtle text-success-emphasis border-success",
)
BUDDY_STEP = Kind(
    "buddy_step",
    "Buddies’ steps",
    "Buddy’s step",
    "bg-warning-subtle text-warning-emphasis border-warning",
)
REVIEW = Kind(
    "review",
    "Review meetings",
    "Review meeting",
    "bg-danger-subtle text-danger-emphasis border-danger",
)
KINDS = (MY_GOAL, MY_STEP, BUDDY_GOAL, BUDDY_STEP, REVIEW)


@dataclass(frozen=True)
class Event:
    """One entry of the calendar, already in the viewer's words and time zone."""

    uid: str  # stable across requests: "goal-12", "step-40", "review-3"
    kind: Kind
    title: str  # what a calendar app shows
    short: str  # what the month page shows beside the colour
    day: datetime.date  # the deadline, or the meeting's day where the viewer lives
    url: str
    detail: str = ""
    starts_at: datetime.datetime | None = None  # meetings only, aware
    ends_at: datetime.datetime | None = None
    local_start: datetime.datetime | None = None  # starts_at in the viewer's zone
    place: str = ""
    status: str = ""
    tentative: bool = False

    @property
    def is_meeting(self) -> bool:
        return self.starts_at is not None


# --- Gathering -----------------------------------------------------------------------------


def calendar_events(*, user, start: datetime.date, end: datetime.date) -> list[Event]:
    """Everything due or planned from ``start`` to ``end`` (inclusive) that this person may see."""
    visible = Goal.objects.visible_to(user).filter(status__in=OPEN_GOALS)
    goals = (
        visible.filter(target_date__range=(start, end))
        .select_related("owner")
        .order_by("target_date", "id")
    )
    steps = (
        MicroGoal.objects.filter(goal__in=visible, deadline__range=(start, end))
        .exclude(status__in=MicroGoal.CLOSED)
        .select_related("goal__owner")
        .order_by("deadline", "position", "id")
    )
    events = [_goal_event(goal, user) for goal in goals]
    events += [_step_event(step, user) for step in steps]
    events += [_meeting_event(meeting, user) for meeting in _meetings(user, start, end)]
    events.sort(key=_order)
    return events


def _order(event: Event):
    kinds = [kind.key for kind in KINDS]
    return (
        event.day,
        event.local_start is not None,
        event.local_start,
        kinds.index(event.kind.key),
    )


def _meetings(user, start: datetime.date, end: datetime.date):
    zone = user_zone(user)
    first = datetime.datetime.combine(start, datetime.time(), tzinfo=zone)
    after = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    return (
        ReviewMeeting.objects.filter(
            partnership__in=Partnership.objects.active().of(user),
            status__in=SHOWN_MEETINGS,
            starts_at__gte=first,
            starts_at__lt=after,
        )
        .select_related("partnership__user_low", "partnership__user_high")
        .order_by("starts_at")
    )


def _goal_event(goal: Goal, user) -> Event:
    if goal.owner_id == user.pk:
        kind, title = MY_GOAL, f"Goal deadline: {goal.statement}"
        short, detail = goal.statement, "The date you set to reach this goal."
    else:
        name = goal.owner.name
        kind, title = BUDDY_GOAL, f"{name}’s goal: {goal.statement}"
        short, detail = (
            f"{name}: {goal.statement}",
            f"{name}’s deadline for this goal, shared with you.",
        )
    return Event(
        uid=f"goal-{goal.pk}",
        kind=kind,
        title=title,
        short=short,
        day=goal.target_date,
        url=goal.get_absolute_url(),
        detail=detail,
    )


def _step_event(step: MicroGoal, user) -> Event:
    goal = step.goal
    if goal.owner_id == user.pk:
        kind, title, short = MY_STEP, f"Step due: {step.title}", step.title
    else:
        name = goal.owner.name
        kind, title, short = BUDDY_STEP, f"{name}’s step: {step.title}", f"{name}: {step.title}"
    return Event(
        uid=f"step-{step.pk}",
        kind=kind,
        title=title,
        short=short,
        day=step.deadline,
        url=f"{goal.get_absolute_url()}#step-{step.pk}",
        detail=f"A step towards “{goal.statement}”.",
    )


def _meeting_event(meeting: ReviewMeeting, user) -> Event:
    local = meeting.starts_at.astimezone(user_zone(user))
    buddy = meeting.partnership.other(user)
    proposed = meeting.status == ReviewMeeting.Status.PROPOSED
    title = f"Review with {buddy.name}" + (" (to be confirmed)" if proposed else "")
    return Event(
        uid=f"review-{meeting.pk}",
        kind=REVIEW,
        title=title,
        short=title,
        day=local.date(),
        url=reverse("buddies:review_detail", args=[meeting.pk]),
        detail=f"Walk through the goals you share with {buddy.name}, and adjust them.",
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes),
        local_start=local,
        place=meeting.place,
        status=meeting.get_status_display(),
        tentative=proposed,
    )


# --- The month page ------------------------------------------------------------------------


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


def month_bounds(year: int, month: int, first_weekday: int = 0):
    """The first and last day the month's grid shows (whole weeks)."""
    weeks = calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(year: int, month: int, events, first_weekday: int = 0) -> list[list[Day]]:
    """Whole weeks covering the month, each day holding its events in order."""
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    return [
        [Day(date=day, in_month=day.month == month, events=by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    ]


# --- iCalendar -----------------------------------------------------------------------------


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "careergoals.invalid"


def _alarm(trigger: datetime.timedelta, text: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    alarm.add("description", text)
    return alarm


def _vevent(event: Event, stamp: datetime.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.uid}@{_host()}")
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.title)
    vevent.add("url", absolute_url(event.url))
    vevent.add("description", f"{event.detail}\n{absolute_url(event.url)}".strip())
    vevent.add("categories", [event.kind.label])
    if event.is_meeting:
        vevent.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        vevent.add("dtend", event.ends_at.astimezone(datetime.UTC))
        vevent.add("status", "TENTATIVE" if event.tentative else "CONFIRMED")
        if event.place:
            vevent.add("location", event.place)
        alarms = MEETING_ALARMS
    else:
        vevent.add("dtstart", event.day)  # a DATE value: an all-day event
        vevent.add("dtend", event.day + datetime.timedelta(days=1))
        vevent.add("transp", "TRANSPARENT")  # a deadline doesn't make anyone busy
        alarms = DEADLINE_ALARMS
    for trigger in alarms:
        vevent.add_component(_alarm(trigger, event.title))
    return vevent


def _calendar(method: str, name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    return cal


def build_ics(*, user, events, now: datetime.datetime | None = None) -> bytes:
    """A subscribable calendar (RFC 5545): deadlines all-day, meetings in UTC, two alarms each."""
    stamp = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    cal = _calendar("PUBLISH", f"{settings.SITE_NAME}: {user.name}")
    cal.add("x-wr-caldesc", "Your goal and step deadlines, your buddies’ and your reviews.")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    for event in events:
        cal.add_component(_vevent(event, stamp))
    return cal.to_ical()


def _attendee(user, partstat: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = user.name
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = partstat
    address.params["RSVP"] = "FALSE"  # answers go through the app, not by email
    return address


def meeting_ics(meeting: ReviewMeeting, now: datetime.datetime | None = None) -> bytes:
    """The invitation attached to review emails (METHOD:REQUEST), with both people invited."""
    proposer = meeting.proposed_by
    partnership = meeting.partnership
    accepted = meeting.status in (ReviewMeeting.Status.ACCEPTED, ReviewMeeting.Status.HELD)
    stamp = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    names = " & ".join(member.name for member in partnership.members())
    event = Event(
        uid=f"review-{meeting.pk}",
        kind=REVIEW,
        title=f"Goal review: {names}",
        short=f"Goal review: {names}",
        day=meeting.starts_at.date(),
        url=reverse("buddies:review_detail", args=[meeting.pk]),
        detail="Walk through the goals you share, what changed, and adjust them together.",
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes),
        place=meeting.place,
        tentative=not accepted,
    )
    vevent = _vevent(event, stamp)
    vevent.add("sequence", 1 if accepted else 0)
    if proposer is not None:
        organizer = icalendar.vCalAddress(f"mailto:{proposer.email}")
        organizer.params["CN"] = proposer.name
        vevent.add("organizer", organizer)
    for member in partnership.members():
        is_proposer = proposer is not None and member.pk == proposer.pk
        vevent.add(
            "attendee", _attendee(member, "ACCEPTED" if accepted or is_proposer else "NEEDS-ACTION")
        )
    cal = _calendar("REQUEST", f"{settings.SITE_NAME}: goal review")
    cal.add_component(vevent)
    return cal.to_ical()
