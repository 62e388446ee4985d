"""The roadmap: where each goal's deadline falls, grouped by category.

Ten years from today; fitted (as the page asks), the axis reaches only as far as it must: to
one, five or ten years, the first of these horizons that holds every dated goal (goals further
out are marked as beyond it). A year is drawn in quarters, longer spans in years.

Pure functions over goals that are already loaded; the template draws the result.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext, npgettext
from django.utils.translation import gettext_lazy as _

from .models import Goal
from .months import add_months

ROADMAP_YEARS = 10
HORIZONS = {1: _("1 year"), 5: _("5 years"), 10: _("10 years")}
SPAN_WORDS = {1: _("the next year"), 5: _("the next five years"), 10: _("the next ten years")}


@dataclass(frozen=True)
class RoadmapTick:
    offset: float  # per cent of the axis, 0 = today
    year: int
    years_ahead: int
    horizon: str  # "1 year", "5 years", "10 years", or ""
    label: str  # "2031", or "Mar 2027" on a one-year axis


@dataclass(frozen=True)
class RoadmapItem:
    goal: Goal
    offset: float
    when: str
    is_overdue: bool
    is_beyond: bool
    achieved_on: datetime.date | None = None  # said instead of the due date once reached
    url: str = ""  # the goal's page, when the caller passes url_of


@dataclass(frozen=True)
class RoadmapRow:
    category: str
    label: str
    items: tuple[RoadmapItem, ...]


@dataclass(frozen=True)
class Roadmap:
    start: datetime.date
    end: datetime.date
    ticks: tuple[RoadmapTick, ...]
    rows: tuple[RoadmapRow, ...]
    undated: tuple[Goal, ...]
    years: int = ROADMAP_YEARS

    @property
    def is_empty(self) -> bool:
        return not self.rows and not self.undated

    @property
    def span_words(self) -> str:
        return SPAN_WORDS[self.years]

    @property
    def plan_further(self) -> bool:
        """Dated goals, none of them beyond five years: suggest looking further ahead."""
        return bool(self.rows) and self.years < ROADMAP_YEARS


def roadmap_layout(
    *,
    goals: Sequence[Goal],
    today: datetime.date,
    fit: bool = False,
    url_of: Callable[[int], str] | None = None,
) -> Roadmap:
    """Goals placed on a ten-year axis from today, one row per category.

    With ``fit`` (the page), the axis ends at the nearest horizon holding every dated goal;
    ``url_of`` gives each item its goal's page (selectors.goal_page_url_maker()).
    """
    latest = max((g.target_date for g in goals if g.target_date), default=None)
    years = ROADMAP_YEARS
    if fit and latest is not None:
        years = next((k for k in HORIZONS if latest <= _add_years(today, k)), ROADMAP_YEARS)
    end = _add_years(today, years)
    span = (end - today).days

    def offset(day: datetime.date) -> float:
        return min(max((day - today).days / span * 100, 0.0), 100.0)

    if years == 1:  # a year in quarters, each labelled with its month
        ticks = tuple(
            RoadmapTick(
                offset(add_months(today, m)),
                add_months(today, m).year,
                m // 12,
                HORIZONS[1] if m == 12 else "",
                formats.date_format(add_months(today, m), "M Y"),
            )
            for m in range(0, 13, 3)
        )
    else:
        ticks = tuple(
            RoadmapTick(
                offset(_add_years(today, k)),
                today.year + k,
                k,
                HORIZONS.get(k, ""),
                str(today.year + k),
            )
            for k in range(years + 1)
        )
    by_category: dict[str, list[RoadmapItem]] = {}
    for goal in sorted((g for g in goals if g.target_date), key=lambda g: (g.target_date, g.pk)):
        item = RoadmapItem(
            goal=goal,
            offset=offset(goal.target_date),
            when=_when(goal.target_date, today),
            is_overdue=goal.target_date < today and goal.is_open,
            is_beyond=goal.target_date > end,
            achieved_on=_achieved_on(goal),
            url=url_of(goal.pk) if url_of else "",
        )
        by_category.setdefault(goal.category, []).append(item)
    labels = dict(Goal.Category.choices)
    order = [*labels, *sorted(set(by_category) - set(labels))]
    rows = tuple(
        RoadmapRow(category, labels.get(category, category), tuple(by_category[category]))
        for category in order
        if category in by_category
    )
    undated = tuple(g for g in goals if not g.target_date)
    return Roadmap(start=today, end=end, ticks=ticks, rows=rows, undated=undated, years=years)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _achieved_on(goal: Goal) -> datetime.date | None:
    if goal.status != Goal.Status.ACHIEVED or goal.achieved_at is None:
        return None
    return timezone.localdate(goal.achieved_at)


def _when(day: datetime.date, today: datetime.date) -> str:
    """How far a day is from today, as precise as the distance deserves.

    Days under a calendar month; then months rounded to the nearest one ("in 1 year 8 months"
    below two years); from two years on, whole years, "about" unless the months round to none.
    """
    if day == today:
        return gettext("today")
    if abs((day - today).days) == 1:
        return gettext("tomorrow") if day > today else gettext("yesterday")
    distance = _distance(min(day, today), max(day, today))
    if day > today:
        return gettext("in %(distance)s") % {"distance": distance}
    return gettext("%(distance)s ago") % {"distance": distance}


def _distance(earlier: datetime.date, later: datetime.date) -> str:
    months = _months_between(earlier, later)
    if months == 0:
        return _count((later - earlier).days, "day")
    if months < 24:
        years, rest = divmod(months, 12)
        parts = [_count(years, "year")] if years else []
        return " ".join([*parts, _count(rest, "month")] if rest else parts)
    if months % 12 == 0:
        return _count(months // 12, "year")
    return gettext("about %(distance)s") % {"distance": _count((months + 6) // 12, "year")}


def _months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole calendar months from ``earlier`` to ``later``, the rest rounded to the nearest.

    Zero while less than one calendar month has passed (those are counted in days).
    """
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if add_months(earlier, months) > later:
        months -= 1
    if months == 0:
        return 0
    passed = add_months(earlier, months)
    month_length = (add_months(earlier, months + 1) - passed).days
    return months + ((later - passed).days * 2 >= month_length)


def _count(number: int, unit: str) -> str:
    """ "3 days", "1 month": after "in", "ago" and "about" (German: dative, in 3 Tagen)."""
    if unit == "day":
        words = npgettext("distance", "%(count)s day", "%(count)s days", number)
    elif unit == "month":
        words = npgettext("distance", "%(count)s month", "%(count)s months", number)
    else:
        words = npgettext("distance", "%(count)s year", "%(count)s years", number)
    return (words % {"count": number}).replace(" ", "\xa0")
