"""The ten-year roadmap: where each goal's deadline falls, grouped by category.

Pure functions over goals that are already loaded; the template draws the result.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.timesince import timesince

from .models import Goal

ROADMAP_YEARS = 10
HORIZONS = {1: "1 year", 5: "5 years", 10: "10 years"}


@dataclass(frozen=True)
class RoadmapTick:
    offset: float  # per cent of the axis, 0 = today
    year: int
    years_ahead: int
    horizon: str  # "1 year", "5 years", "10 years", or ""


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

    @property
    def is_empty(self) -> bool:
        return not self.rows and not self.undated


def roadmap_layout(*, goals: Sequence[Goal], today: datetime.date) -> Roadmap:
    """Goals placed on a ten-year axis from today, one row per category."""
    end = _add_years(today, ROADMAP_YEARS)
    span = (end - today).days

    def offset(day: datetime.date) -> float:
        return min(max((day - today).days / span * 100, 0.0), 100.0)

    ticks = tuple(
        RoadmapTick(offset(_add_years(today, k)), today.year + k, k, HORIZONS.get(k, ""))
        for k in range(ROADMAP_YEARS + 1)
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
    return Roadmap(start=today, end=end, ticks=ticks, rows=rows, undated=undated)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _when(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return "today"
    if day > today:
        return f"in {timesince(today, day, depth=1)}"
    return f"{timesince(day, today, depth=1)} ago"
