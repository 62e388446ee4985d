"""A goal's progress as a server-rendered SVG chart.

Pure functions over objects that are already loaded; nothing here queries the database.
Every piece of user text reaches the SVG through format_html, so it is escaped.
"""

import datetime
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

from .chart_words import chart_summary, check_in_span, day_label, metric_name, number, trim

# The chart's own coordinate system; the viewBox lets the SVG scale to any width. The margins
# leave room for the larger label font that site.css uses when the chart is narrow.
WIDTH, HEIGHT = 600, 340
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 80, 584, 58, 300
DEADLINE_LABEL_Y, TODAY_LABEL_Y = 22, 48  # two label rows above the plot
MAX_DATE_TICKS = 4
MAX_YEAR_TICKS = 6
MIN_SPAN_DAYS = 14
MAX_LABEL_CHARS = 18
NARROW_CHAR_WIDTH = 15  # per character at the phone-sized label font (site.css: 25px)
NUMBER_SUFFIXES = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


@dataclass(frozen=True)
class ChartRow:
    """One check-in as the table under the chart shows it."""

    pk: int | None
    recorded_on: datetime.date
    value: str
    note: str


@dataclass(frozen=True)
class ProgressChart:
    svg: SafeString
    rows: tuple[ChartRow, ...]
    summary: str
    has_deadline: bool
    has_on_track: bool
    has_today: bool  # an open goal's chart marks today; a closed one is not measured against it


@dataclass(frozen=True)
class _Scale:
    """A linear map from the domain [lo, hi] onto screen coordinates [start, end]."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)


# --- Progress chart ------------------------------------------------------------------------


def progress_chart(
    *, goal, check_ins: Sequence, today: datetime.date, viewer=None
) -> ProgressChart | None:
    """The goal's check-ins over time against its target, deadline and on-track line.

    ``viewer`` is who reads it: the owner (or None) is "you", anyone else reads the owner's
    name. A reached or abandoned goal gets no on-track line and no Today marker: it is no
    longer measured against the plan.
    """
    if not goal.has_metric:
        return None
    check_ins = sorted(check_ins, key=lambda c: (c.recorded_on, c.pk or 0))
    until = today if goal.is_open else _closed_on(goal, check_ins, today)
    start = _start_date(goal, check_ins, until)
    has_on_track = goal.is_open and goal.target_date is not None and goal.target_date > start

    first_day, last_day = _date_domain(goal, check_ins, start, until)
    x = _Scale(first_day.toordinal(), last_day.toordinal(), PLOT_LEFT, PLOT_RIGHT)
    values = [float(goal.baseline), float(goal.target), *(float(c.value) for c in check_ins)]
    value_ticks = _value_ticks(values)
    y = _Scale(value_ticks[0], value_ticks[-1], PLOT_BOTTOM, PLOT_TOP)

    def at(day: datetime.date, value) -> tuple[float, float]:
        return x(day.toordinal()), y(float(value))

    on_track = SafeString("")
    if has_on_track:
        on_track = _line(*at(start, goal.baseline), *at(goal.target_date, goal.target), "on-track")
    target, target_label = _target(y(float(goal.target)), goal)
    today_line, today_label = SafeString(""), SafeString("")
    if goal.is_open:
        today_line, today_label = _vertical(
            x(today.toordinal()), TODAY_LABEL_Y, gettext("Today"), "today"
        )
    deadline, deadline_label = _deadline(x, goal.target_date)
    series = _series([at(c.recorded_on, c.value) for c in check_ins], check_ins, goal)
    parts = [
        _value_axis(y, value_ticks),
        _date_axis(x, _date_ticks(first_day, last_day)),
        on_track,
        target,
        deadline,
        today_line,
        series,
        # Labels last, so they sit on top of the lines they name.
        target_label,
        today_label,
        deadline_label,
    ]
    summary = chart_summary(goal, check_ins, start, today, _owner_name(goal, viewer))
    return ProgressChart(
        svg=_svg(goal, summary, check_ins, parts),
        rows=tuple(_row(c) for c in check_ins),
        summary=summary,
        has_deadline=goal.target_date is not None,
        has_on_track=has_on_track,
        has_today=goal.is_open,
    )


def _closed_on(goal, check_ins, today: datetime.date) -> datetime.date:
    """Where a closed goal's chart ends: the day it was reached, else its last check-in."""
    if goal.achieved_at is not None:
        return timezone.localdate(goal.achieved_at)
    if check_ins:
        return check_ins[-1].recorded_on
    return timezone.localdate(goal.created_at) if goal.created_at else today


def _owner_name(goal, viewer) -> str | None:
    """None when the owner reads the chart ("you"), else the owner's name."""
    if viewer is None or viewer.pk == goal.owner_id:
        return None
    return goal.owner.name


def _start_date(goal, check_ins, today: datetime.date) -> datetime.date:
    """Where the on-track line begins: the goal's creation or an earlier first check-in."""
    candidates = [today]
    if goal.created_at is not None:
        candidates.append(timezone.localdate(goal.created_at))
    if check_ins:
        candidates.append(check_ins[0].recorded_on)
    return min(candidates)


def _date_domain(goal, check_ins, start, today) -> tuple[datetime.date, datetime.date]:
    days = [start, today, *(c.recorded_on for c in check_ins)]
    if goal.target_date is not None:
        days.append(goal.target_date)
    first, last = min(days), max(days)
    # A short history gets room on the left, so today or the deadline stays at the right edge.
    return min(first, last - datetime.timedelta(days=MIN_SPAN_DAYS)), last


def _value_ticks(values: list[float]) -> list[float]:
    """Round-numbered ticks covering every value with some headroom; zero stays the floor."""
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or max(abs(hi) * 0.1, 1.0)
    low = max(lo - pad, 0.0) if lo >= 0 else lo - pad
    high = min(hi + pad, 0.0) if hi <= 0 else hi + pad
    step = _nice_step((high - low) / 5)
    return [round(i * step, 10) for i in range(math.floor(low / step), math.ceil(high / step) + 1)]


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude * 1.000001)
    return max(step, 0.01)  # values have two decimals at most


def _tick_labels(ticks: list[float]) -> list[str]:
    """Short labels with one shared suffix: 0, 2.5k, 5k … so the axis stays narrow."""
    biggest = max(abs(t) for t in ticks)
    size, suffix = next(((s, x) for s, x in NUMBER_SUFFIXES if biggest >= 10 * s), (1, ""))
    decimals = _decimals((ticks[1] - ticks[0]) / size)
    return [trim(f"{t / size:,.{decimals}f}") + suffix for t in ticks]  # k, M: the same in German


def _decimals(step: float) -> int:
    return next((d for d in range(6) if abs(round(step, d) - step) < 1e-9), 6)


def _date_ticks(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
    """A few evenly spaced dates: days or weeks for short spans, else months or years."""
    if (last - first).days <= 62:
        for step in (1, 2, 7, 14):
            # Ordinal 1 is a Monday, so weekly ticks fall on Mondays.
            begin = first.toordinal() + (-(first.toordinal() - 1)) % step
            days = [datetime.date.fromordinal(o) for o in range(begin, last.toordinal() + 1, step)]
            if len(days) <= MAX_DATE_TICKS:
                return [(d, formats.date_format(d, pgettext("date format", "j M"))) for d in days]
    for step in (1, 2, 3, 6):
        months = _month_starts(first, last, step)
        if len(months) <= MAX_DATE_TICKS:
            return [(d, formats.date_format(d, "M Y")) for d in months]
    for step in (12, 24, 36, 60, 120, 240, 600):
        years = _month_starts(first, last, step)
        if len(years) <= MAX_YEAR_TICKS:  # "2027" is short, so more of them fit
            return [(d, f"{d:%Y}") for d in years]
    return []


def _month_starts(first: datetime.date, last: datetime.date, step: int) -> list[datetime.date]:
    index = first.year * 12 + first.month - 1 + (first.day > 1)
    index = -(-index // step) * step  # round up to a multiple of step
    days = []
    while index // 12 <= last.year:  # never past year 9999, where date() gives up
        day = datetime.date(index // 12, index % 12 + 1, 1)
        if day > last:
            break
        days.append(day)
        index += step
    return days


def _f(number: float) -> str:
    return f"{number:.1f}"


def _line(x1, y1, x2, y2, kind: str) -> SafeString:
    return format_html(
        '<line class="chart-{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor"/>',
        kind,
        *map(_f, (x1, y1, x2, y2)),
    )


def _text(x, y, text: str, kind: str, anchor="middle", dy="0") -> SafeString:
    return format_html(
        '<text class="chart-{}" x="{}" y="{}" dy="{}" text-anchor="{}">{}</text>',
        kind,
        _f(x),
        _f(y),
        dy,
        anchor,
        text,
    )


def _group(kind: str, parts) -> SafeString:
    return format_html('<g class="chart-{}">{}</g>', kind, _join(parts))


def _join(parts) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _value_axis(y: _Scale, ticks: list[float]) -> SafeString:
    parts = [_line(PLOT_LEFT, PLOT_TOP, PLOT_LEFT, PLOT_BOTTOM, "axis")]
    for tick, label in zip(ticks, _tick_labels(ticks), strict=True):
        parts.append(_line(PLOT_LEFT, y(tick), PLOT_RIGHT, y(tick), "grid"))
        parts.append(_text(PLOT_LEFT - 8, y(tick), label, "tick", anchor="end", dy="0.35em"))
    return _group("values", parts)


def _date_axis(x: _Scale, ticks) -> SafeString:
    parts = [_line(PLOT_LEFT, PLOT_BOTTOM, PLOT_RIGHT, PLOT_BOTTOM, "axis")]
    # Labels near the right edge grow leftwards so they stay inside the picture.
    placed = [(x(day.toordinal()), label) for day, label in ticks]
    placed = [(at, label, "end" if at > WIDTH - 60 else "middle") for at, label in placed]
    # Where labels would touch at the phone-sized font, every other one hides there (site.css).
    crowded = _labels_touch(placed)
    for index, (at, label, anchor) in enumerate(placed):
        kind = "tick is-crowded" if crowded and index % 2 else "tick"
        parts.append(_line(at, PLOT_BOTTOM, at, PLOT_BOTTOM + 5, "axis"))
        parts.append(_text(at, PLOT_BOTTOM + 8, label, kind, anchor=anchor, dy="1em"))
    return _group("dates", parts)


def _labels_touch(placed) -> bool:
    spans = []
    for at, label, anchor in placed:
        width = len(label) * NARROW_CHAR_WIDTH
        left = at - width if anchor == "end" else at - width / 2
        spans.append((left, left + width))
    return any(right + 10 > left for (_, right), (left, _) in itertools.pairwise(spans))


def _target(at: float, goal) -> tuple[SafeString, SafeString]:
    label = gettext("Target %(value)s %(unit)s") % {
        "value": number(goal.target),
        "unit": _short(goal.metric_unit),
    }
    label = label.strip()
    # Above the line, unless the line runs so close to the top that the label would not fit.
    dy = "-0.45em" if at - PLOT_TOP > 30 else "1.15em"
    return (
        _line(PLOT_LEFT, at, PLOT_RIGHT, at, "target"),
        _text(PLOT_RIGHT - 4, at, label, "target-label", anchor="end", dy=dy),
    )


def _vertical(at: float, label_y: int, label: str, kind: str) -> tuple[SafeString, SafeString]:
    """A vertical marker reaching up to its own label row, the label beside its top."""
    if at < (PLOT_LEFT + PLOT_RIGHT) / 2:
        label_x, anchor = at + 5, "start"
    else:
        label_x, anchor = at - 5, "end"
    return (
        _line(at, PLOT_BOTTOM, at, label_y - 16, kind),
        _text(label_x, label_y, label, f"{kind}-label", anchor=anchor),
    )


def _deadline(x: _Scale, target_date) -> tuple[SafeString, SafeString]:
    if target_date is None:
        return SafeString(""), SafeString("")
    at = x(target_date.toordinal())
    label = gettext("Deadline %(day)s") % {"day": day_label(target_date)}
    return _vertical(at, DEADLINE_LABEL_Y, label, "deadline")


def _series(points, check_ins, goal) -> SafeString:
    if not points:
        return SafeString("")
    parts = []
    if len(points) > 1:
        coordinates = " ".join(f"{_f(px)},{_f(py)}" for px, py in points)
        parts.append(
            format_html(
                '<polyline class="chart-series" points="{}" fill="none" stroke="currentColor"/>',
                coordinates,
            )
        )
    unit = f" {goal.metric_unit}" if goal.metric_unit else ""
    for (px, py), check_in in zip(points, check_ins, strict=True):
        parts.append(
            format_html(
                '<circle class="chart-point" cx="{}" cy="{}" r="4.5">'
                "<title>{}: {}{}</title></circle>",
                _f(px),
                _f(py),
                day_label(check_in.recorded_on),
                number(check_in.value),
                unit,
            )
        )
    return _group("check-ins", parts)


def _svg(goal, summary: str, check_ins, parts) -> SafeString:
    return format_html(
        '<svg class="progress-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{body}</svg>",
        w=WIDTH,
        h=HEIGHT,
        id=f"chart-{goal.pk or 'new'}",
        title=gettext("Progress chart: %(name)s") % {"name": metric_name(goal)},
        desc=f"{summary} {check_in_span(check_ins)}",
        body=_join(parts),
    )


def _row(check_in) -> ChartRow:
    return ChartRow(
        pk=check_in.pk,
        recorded_on=check_in.recorded_on,
        value=number(check_in.value),
        note=check_in.note,
    )


def _short(text: str) -> str:
    """Cut long text at a word boundary where there is one."""
    if len(text) <= MAX_LABEL_CHARS:
        return text
    cut = text[: MAX_LABEL_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "…"
