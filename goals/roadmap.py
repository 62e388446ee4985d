"""The roadmap: where each goal's deadline falls, grouped by category.

Ten years from today; fitted (as the page asks), the axis reaches only as far as it must: to
one, five or ten years, the first of these horizons that holds every dated goal (goals further
out are marked as beyond it). A year is drawn in quarters, longer spans in years.

Pure functions over goals that are already loaded; the template draws the result.
"""

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.timesince import timesince

from .models import Goal

ROADMAP_YEARS = 10
HORIZONS = {1: "1 year", 5: "5 years", 10: "10 years"}
SPAN_WORDS = {1: "the next year", 5: "the next five years", 10: "the next ten years"}


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


def roadmap_layout(*, goals: Sequence[Goal], today: datetime.date, fit: bool = False) -> Roadmap:
    """Goals placed on a ten-year axis from today, one row per category.

    With ``fit`` (the page), the axis ends at the nearest horizon holding every dated goal.
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
                offset(_add_months(today, m)),
                _add_months(today, m).year,
                m // 12,
                HORIZONS[1] if m == 12 else "",
                _add_months(today, m).strftime("%b %Y"),
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


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _when(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return "today"
    if day > today:
        return f"in {timesince(today, day, depth=1)}"
    return f"{timesince(day, today, depth=1)} ago"
