"""What a person's calendar holds: their deadlines, their buddies' shared ones, review meetings.

`calendar_events` reads in a fixed number of queries (three, whatever the number of goals);
`month_grid` here and `calendar_ics.build_ics` are pure functions over what it returned.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import escape, format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accountability.models import Partnership, ReviewMeeting
from careergoals.users.timezones import user_zone
from goals.models import Goal, MicroGoal

OPEN_GOALS = (Goal.Status.DRAFT, Goal.Status.ACTIVE)
SHOWN_MEETINGS = (
    ReviewMeeting.Status.PROPOSED,
    ReviewMeeting.Status.ACCEPTED,
    ReviewMeeting.Status.HELD,
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # the legend
    one: str  # a single entry, for screen readers
    css: str  # Bootstrap *-subtle / *-emphasis pairs work in light and dark themes


MY_GOAL = Kind(
    "my_goal",
    _("My goals"),
    _("My goal deadline"),
    "bg-primary-subtle text-primary-emphasis border-primary",
)
MY_STEP = Kind(
    "my_step", _("My steps"), _("My step"), "bg-info-subtle text-info-emphasis border-info"
)
BUDDY_GOAL = Kind(
    "buddy_goal",
    _("Buddies’ goals"),
    _("Buddy’s goal deadline"),
    "bg-success-subtle text-success-emphasis border-success",
)
BUDDY_STEP = Kind(
    "buddy_step",
    _("Buddies’ steps"),
    _("Buddy’s step"),
    "bg-warning-subtle text-warning-emphasis border-warning",
)
REVIEW = Kind(
    "review",
    _("Review meetings"),
    _("Review meeting"),
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


def calendar_events(*, user, start: datetime.date, end: datetime.date | None) -> list[Event]:
    """Everything due or planned from ``start`` to ``end`` (inclusive; None: no end) that this
    person may see.

    The open goals this person may see are read once, whatever their dates (a goal outside
    the window can have steps inside it); their steps are then found by goal id, a query
    that is cheap to build. Only the columns an event shows are read."""
    goals = (
        Goal.objects.visible_to(user)
        .filter(status__in=OPEN_GOALS)
        .select_related("owner")
        .only("statement", "target_date", "owner_id", "owner__display_name", "owner__email")
        .order_by("target_date", "id")
    )
    by_id = {goal.pk: goal for goal in goals}
    steps = (
        MicroGoal.objects.filter(
            goal_id__in=list(by_id), deadline__gte=start, **_until("deadline", end)
        )
        .exclude(status__in=MicroGoal.CLOSED)
        .order_by("deadline", "position", "id")
        .values_list("id", "title", "deadline", "goal_id", named=True)  # rows, not models
    )
    urls = _GoalUrls()
    events = [
        _goal_event(goal, user, urls)
        for goal in by_id.values()
        if goal.target_date is not None
        and start <= goal.target_date
        and (end is None or goal.target_date <= end)
    ]
    events += [_step_event(step, by_id[step.goal_id], user, urls) for step in steps]
    events += [_meeting_event(meeting, user) for meeting in _meetings(user, start, end)]
    events.sort(key=_order)
    return events


def _until(name: str, end: datetime.date | None) -> dict:
    return {} if end is None else {f"{name}__lte": end}


class _GoalUrls:
    """A goal's address, reversed once per request rather than once per event."""

    def __init__(self):
        self.pattern = reverse("goals:goal_detail", args=[0])

    def __call__(self, goal_id: int) -> str:
        return self.pattern.replace("/0/", f"/{goal_id}/", 1)


_KIND_ORDER = {kind.key: index for index, kind in enumerate(KINDS)}


def _order(event: Event):
    return (
        event.day,
        event.local_start is not None,
        event.local_start,
        _KIND_ORDER[event.kind.key],
    )


def _meetings(user, start: datetime.date, end: datetime.date | None):
    zone = user_zone(user)
    first = datetime.datetime.combine(start, datetime.time(), tzinfo=zone)
    window = {"starts_at__gte": first}
    if end is not None:
        window["starts_at__lt"] = datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
        )
    return (
        ReviewMeeting.objects.filter(
            partnership__in=Partnership.objects.active().of(user),
            status__in=SHOWN_MEETINGS,
            **window,
        )
        .select_related("partnership__user_low", "partnership__user_high")
        .only(
            "starts_at",
            "duration_minutes",
            "place",
            "status",
            *(
                f"partnership__{member}__{name}"
                for member in ("user_low", "user_high")
                for name in ("display_name", "email")
            ),
        )
        .order_by("starts_at")
    )


def _goal_event(goal: Goal, user, urls: _GoalUrls) -> Event:
    if goal.owner_id == user.pk:
        kind, title = MY_GOAL, gettext("Goal deadline: %(goal)s") % {"goal": goal.statement}
        short, detail = goal.statement, gettext("The date you set to reach this goal.")
    else:
        words = {"name": goal.owner.name, "goal": goal.statement}
        kind, title = BUDDY_GOAL, gettext("%(name)s’s goal: %(goal)s") % words
        short, detail = (
            f"{words['name']}: {goal.statement}",
            gettext("%(name)s’s deadline for this goal, shared with you.") % words,
        )
    return Event(
        uid=f"goal-{goal.pk}",
        kind=kind,
        title=title,
        short=short,
        day=goal.target_date,
        url=urls(goal.pk),
        detail=detail,
    )


def _step_event(step, goal: Goal, user, urls: _GoalUrls) -> Event:
    """``step``: a row with the step's id, title, deadline and goal_id."""
    if goal.owner_id == user.pk:
        title = gettext("Step due: %(step)s") % {"step": step.title}
        kind, short = MY_STEP, step.title
    else:
        name = goal.owner.name
        title = gettext("%(name)s’s step: %(step)s") % {"name": name, "step": step.title}
        kind, short = BUDDY_STEP, f"{name}: {step.title}"
    return Event(
        uid=f"step-{step.id}",
        kind=kind,
        title=title,
        short=short,
        day=step.deadline,
        url=f"{urls(step.goal_id)}#step-{step.id}",
        detail=gettext("A step towards “%(goal)s”.") % {"goal": goal.statement},
    )


def _meeting_event(meeting: ReviewMeeting, user) -> Event:
    local = meeting.starts_at.astimezone(user_zone(user))
    buddy = meeting.partnership.other(user)
    proposed = meeting.status == ReviewMeeting.Status.PROPOSED
    if proposed:
        title = gettext("Review with %(name)s (to be confirmed)") % {"name": buddy.name}
    else:
        title = gettext("Review with %(name)s") % {"name": buddy.name}
    return Event(
        uid=f"review-{meeting.pk}",
        kind=REVIEW,
        title=title,
        short=title,
        day=local.date(),
        url=reverse("buddies:review_detail", args=[meeting.pk]),
        detail=gettext("Walk through the goals you share with %(name)s, and adjust them.")
        % {"name": buddy.name},
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes),
        local_start=local,
        place=meeting.place,
        status=meeting.get_status_display(),
        tentative=proposed,
    )


# --- The month page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Chip:
    """One event as the month page draws it: in the grid (its title on hover) and in the
    phones' list (the time in bold). Built once here rather than by template nodes per event,
    which cost most of the page for a busy month."""

    grid: str
    list: str


@functools.cache
def _kind_html(kind: Kind, language: str) -> tuple[str, str]:
    """A kind's escaped class names and its words for screen readers, made once a language."""
    return escape(kind.css), format_html('<span class="visually-hidden">{}: </span>', kind.one)


def _chip(event: Event) -> Chip:
    # Escaped once and passed as safe strings: format_html escaping every value of both
    # variants cost more than the rest of a busy month's page.
    css, hidden = _kind_html(event.kind, translation.get_language())
    url, short = escape(event.url), escape(event.short)
    time = event.local_start.strftime("%H:%M") if event.local_start else ""
    return Chip(
        grid=format_html(
            '<a class="cal-chip {}" href="{}" title="{}">{}{}{}</a>',
            css,
            url,
            event.title,
            hidden,
            f"{time} " if time else "",
            short,
        ),
        list=format_html(
            '<li><a class="cal-chip {}" href="{}">{}{}{}</a></li>',
            css,
            url,
            hidden,
            format_html("<strong>{}</strong> ", time) if time else "",
            short,
        ),
    )


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    is_today: bool = False
    label: str = ""  # "Monday 5 January", for screen readers

    @property
    def css(self) -> str:
        return ("" if self.in_month else "other-month") + (" cal-today" if self.is_today else "")


def month_bounds(year: int, month: int, first_weekday: int = 0):
    """The first and last day the month's grid shows (whole weeks)."""
    weeks = calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def month_grid(
    year: int,
    month: int,
    events,
    first_weekday: int = 0,
    today: datetime.date | None = None,
) -> list[list[Day]]:
    """Whole weeks covering the month, each day holding its events in order."""
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    weekdays, months = [str(name) for name in WEEKDAYS.values()], {}
    weeks = []
    for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month):
        days = []
        for date in week:
            found = by_day.get(date, [])
            days.append(
                Day(
                    date=date,
                    in_month=date.month == month,
                    events=found,
                    chips=[_chip(event) for event in found],
                    is_today=date == today,
                    label=f"{weekdays[date.weekday()]} {date.day} "
                    f"{months.setdefault(date.month, str(MONTHS[date.month]))}",
                )
            )
        weeks.append(days)
    return weeks
