"""The progress chart and roadmap layout: pure functions, checked on unsaved objects."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from goals.charts import (
    PLOT_BOTTOM,
    PLOT_LEFT,
    PLOT_RIGHT,
    PLOT_TOP,
    progress_chart,
)
from goals.models import CheckIn, Goal
from goals.roadmap import roadmap_layout

SVG = "{http://www.w3.org/2000/svg}"
START = datetime.date(2025, 1, 1)
DEADLINE = START + datetime.timedelta(days=200)


def day(offset: int) -> datetime.date:
    return START + datetime.timedelta(days=offset)


def make_goal(**fields) -> Goal:
    values = {
        "pk": 7,
        "statement": "Lead two client projects end to end",
        "metric_name": "Projects led",
        "metric_unit": "projects",
        "baseline": Decimal("0"),
        "target": Decimal("2"),
        "target_date": DEADLINE,
    } | fields
    goal = Goal(**values)
    goal.created_at = datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)
    return goal


def check_ins(*pairs, goal=None) -> list[CheckIn]:
    return [
        CheckIn(pk=n, goal=goal, recorded_on=day(offset), value=Decimal(value), note="")
        for n, (offset, value) in enumerate(pairs, start=1)
    ]


def draw(goal=None, pairs=(), today=None):
    goal = goal or make_goal()
    return progress_chart(goal=goal, check_ins=check_ins(*pairs), today=today or day(100))


def parse(chart) -> ET.Element:
    # Our own output, and parsing it proves it is well-formed XML.
    return ET.fromstring(str(chart.svg))  # noqa: S314


def marks(root, kind: str) -> list[dict]:
    return [el.attrib for el in root.iter() if el.get("class") == f"chart-{kind}"]


def only(root, kind: str) -> dict:
    (found,) = marks(root, kind)
    return found


def label(root, kind: str) -> str:
    (element,) = [el for el in root.iter() if el.get("class") == f"chart-{kind}-label"]
    return "".join(element.itertext())


def points(root) -> list[tuple[float, float]]:
    return [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle")]


def inside_plot(point) -> bool:
    x, y = point
    return PLOT_LEFT <= x <= PLOT_RIGHT and PLOT_TOP <= y <= PLOT_BOTTOM


@pytest.mark.parametrize("missing", ["baseline", "target"])
def test_no_metric_no_chart(missing):
    assert draw(make_goal(**{missing: None})) is None


@pytest.mark.parametrize(
    ("case", "offset", "value", "lands_on"),
    [
        ("first check-in at the baseline", 0, "0", ("on-track", "x1", "y1")),
        ("the target reached on the deadline", 200, "2", ("on-track", "x2", "y2")),
        ("the target value on any day", 50, "2", ("target", None, "y1")),
        ("a check-in on the deadline", 200, "1", ("deadline", "x1", None)),
        ("a check-in today", 250, "1", ("today", "x1", None)),
    ],
)
def test_points_land_where_expected(case, offset, value, lands_on):
    root = parse(draw(pairs=[(offset, value)], today=day(250)))
    kind, x_attr, y_attr = lands_on
    line = only(root, kind)
    (x, y) = points(root)[0]
    if x_attr:
        assert x == pytest.approx(float(line[x_attr]), abs=0.1), case
    if y_attr:
        assert y == pytest.approx(float(line[y_attr]), abs=0.1), case


def test_draws_target_deadline_on_track_and_today():
    chart = draw(pairs=[(10, "0.5"), (60, "1")])
    root = parse(chart)
    for kind in ("target", "deadline", "on-track", "today", "series"):
        assert marks(root, kind), kind
    assert label(root, "target") == "Target 2 projects"
    assert label(root, "deadline") == "Deadline 20 Jul 2025"
    assert label(root, "today") == "Today"
    target = only(root, "target")
    assert target["y1"] == target["y2"]
    deadline = only(root, "deadline")
    assert deadline["x1"] == deadline["x2"]
    assert (chart.has_deadline, chart.has_on_track) == (True, True)


def test_series_joins_the_points_in_date_order():
    root = parse(draw(pairs=[(60, "1"), (10, "0.5"), (30, "0.75")]))
    xs = [x for x, _ in points(root)]
    assert xs == sorted(xs)
    polyline = only(root, "series")["points"]
    assert polyline == " ".join(f"{x:.1f},{y:.1f}" for x, y in points(root))


def test_single_check_in_is_a_point_without_a_line():
    root = parse(draw(pairs=[(10, "1")]))
    assert len(points(root)) == 1
    assert not marks(root, "series")


def test_no_check_ins_still_shows_the_plan():
    chart = draw()
    root = parse(chart)
    assert points(root) == []
    assert marks(root, "on-track") and marks(root, "target")
    assert chart.rows == ()
    assert "no check-ins yet" in chart.summary
    assert "No check-ins yet." in root.find(f"{SVG}desc").text


def test_values_beyond_target_and_below_baseline_stay_in_the_plot():
    goal = make_goal(baseline=Decimal("10"), target=Decimal("20"))
    root = parse(draw(goal, pairs=[(10, "4"), (50, "35"), (90, "-3")]))
    assert len(points(root)) == 3
    assert all(inside_plot(p) for p in points(root))


def test_decreasing_metric():
    goal = make_goal(
        metric_name="Overtime",
        metric_unit="hours a week",
        baseline=Decimal("20"),
        target=Decimal("5"),
    )
    chart = draw(goal, pairs=[(0, "20"), (100, "9")])
    root = parse(chart)
    on_track = only(root, "on-track")
    assert float(on_track["y2"]) > float(on_track["y1"])  # screen y grows downwards
    assert all(inside_plot(p) for p in points(root))
    assert chart.summary.startswith("Overtime: 9 hours a week, aiming down from 20 to 5.")
    assert "you are ahead of it" in chart.summary  # the line expects 12.5 by today


@pytest.mark.parametrize(
    ("latest", "verdict"),
    [("0.5", "behind it"), ("1", "on it"), ("1.5", "ahead of it")],
)
def test_summary_compares_with_the_on_track_line(latest, verdict):
    chart = draw(pairs=[(90, latest)], today=day(100))
    assert chart.summary == (
        f"Projects led: {latest} of 2 projects. "
        f"The on-track line expects 1 by today; you are {verdict}. Deadline 20 Jul 2025."
    )


@pytest.mark.parametrize(
    ("baseline", "target", "expected"),
    [("1200", "4001", "1,662"), ("0", "20", "3.3"), ("0", "0.5", "0.08")],
)
def test_the_expected_value_is_rounded_to_suit_the_range(baseline, target, expected):
    goal = make_goal(baseline=Decimal(baseline), target=Decimal(target))
    assert f"expects {expected} by today" in draw(goal, today=day(33)).summary


def test_no_deadline_means_no_deadline_or_on_track_line():
    chart = draw(make_goal(target_date=None), pairs=[(5, "1")])
    root = parse(chart)
    assert not marks(root, "deadline") and not marks(root, "on-track")
    assert marks(root, "target") and marks(root, "today")
    assert "No deadline yet" in chart.summary
    assert (chart.has_deadline, chart.has_on_track) == (False, False)


def test_on_day_one_the_line_expects_nothing_yet():
    chart = draw(today=START)
    assert chart.summary == (
        "Projects led: no check-ins yet; the target is 2 projects. Deadline 20 Jul 2025."
    )


def test_past_deadline_says_so():
    chart = draw(pairs=[(150, "1")], today=day(300))
    assert "The deadline was 20 Jul 2025." in chart.summary
    assert all(inside_plot(p) for p in points(parse(chart)))


@pytest.mark.parametrize(
    ("deadline", "today", "expected_label"),
    [
        (day(20), day(5), "6 Jan"),  # a few weeks: Mondays
        (day(200), day(100), "Mar 2025"),  # months
        (day(3650), day(100), "2030"),  # ten years: years
    ],
)
def test_date_ticks_suit_the_span(deadline, today, expected_label):
    root = parse(draw(make_goal(target_date=deadline), today=today))
    dates = root.find(".//*[@class='chart-dates']")
    labels = [t.text for t in dates.iter(f"{SVG}text")]
    assert 2 <= len(labels) <= 6
    assert expected_label in labels


def test_user_text_is_escaped():
    goal = make_goal(metric_name="<script>alert(1)</script>", metric_unit='<b onclick="x">')
    chart = progress_chart(goal=goal, check_ins=check_ins((5, "1"), goal=goal), today=day(10))
    svg = str(chart.svg)
    assert "<script>" not in svg and "<b " not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = parse(chart)
    assert root.find(f"{SVG}title").text == "Progress chart: <script>alert(1)</script>"


def test_long_metric_names_and_units_are_shortened_in_labels_only():
    goal = make_goal(metric_name="N" * 120, metric_unit="certified cloud architecture exams")
    chart = draw(goal, pairs=[(5, "1")])
    root = parse(chart)
    assert label(root, "target") == "Target 2 certified cloud…"
    assert ("N" * 120) in root.find(f"{SVG}title").text


def test_rows_for_the_table():
    chart = progress_chart(
        goal=make_goal(),
        check_ins=[
            CheckIn(pk=2, recorded_on=day(30), value=Decimal("1234.50"), note="Big one"),
            CheckIn(pk=1, recorded_on=day(10), value=Decimal("1.00"), note=""),
        ],
        today=day(40),
    )
    assert [(r.pk, r.recorded_on, r.value, r.note) for r in chart.rows] == [
        (1, day(10), "1", ""),
        (2, day(30), "1,234.5", "Big one"),
    ]


def test_huge_values_get_short_axis_labels():
    goal = make_goal(baseline=Decimal("0"), target=Decimal("250000000"))
    root = parse(draw(goal, pairs=[(5, "999999999999.99")]))
    ticks = [t.text for t in root.find(".//*[@class='chart-values']").iter(f"{SVG}text")]
    assert all(len(tick) <= 6 for tick in ticks), ticks


# --- Roadmap -------------------------------------------------------------------------------

TODAY = datetime.date(2026, 3, 1)


def dated(pk, years=0, days=0, category=Goal.Category.KNOWLEDGE, **fields) -> Goal:
    target = TODAY.replace(year=TODAY.year + years) + datetime.timedelta(days=days)
    return Goal(pk=pk, statement=f"Goal {pk}", category=category, target_date=target, **fields)


@pytest.mark.parametrize(
    ("years", "days", "offset", "overdue", "beyond"),
    [
        (0, 0, 0.0, False, False),
        (1, 0, 10.0, False, False),
        (5, 0, 50.0, False, False),
        (10, 0, 100.0, False, False),
        (12, 0, 100.0, False, True),
        (0, -30, 0.0, True, False),
    ],
)
def test_roadmap_places_goals_on_a_ten_year_axis(years, days, offset, overdue, beyond):
    layout = roadmap_layout(goals=[dated(1, years, days)], today=TODAY)
    (item,) = layout.rows[0].items
    assert item.offset == pytest.approx(offset, abs=0.05)
    assert (item.is_overdue, item.is_beyond) == (overdue, beyond)


def test_roadmap_groups_by_category_in_a_fixed_order_and_sorts_by_date():
    goals = [
        dated(1, 3, category=Goal.Category.KNOWLEDGE),
        dated(2, 1, category=Goal.Category.EARNINGS),
        dated(3, 1, category=Goal.Category.KNOWLEDGE),
        Goal(pk=4, statement="Someday", category=Goal.Category.OTHER),
    ]
    layout = roadmap_layout(goals=goals, today=TODAY)
    assert [row.label for row in layout.rows] == ["Increase earnings", "Knowledge and training"]
    assert [item.goal.pk for item in layout.rows[1].items] == [3, 1]
    assert [goal.pk for goal in layout.undated] == [4]
    assert not layout.is_empty


def test_roadmap_ticks_mark_one_five_and_ten_years():
    layout = roadmap_layout(goals=[], today=TODAY)
    assert layout.is_empty
    assert [t.year for t in layout.ticks] == list(range(2026, 2037))
    assert {t.years_ahead: t.horizon for t in layout.ticks if t.horizon} == {
        1: "1 year",
        5: "5 years",
        10: "10 years",
    }
    assert layout.ticks[5].offset == pytest.approx(50, abs=0.05)


def test_roadmap_from_a_leap_day():
    layout = roadmap_layout(goals=[], today=datetime.date(2028, 2, 29))
    assert layout.end == datetime.date(2038, 2, 28)


def test_achieved_goals_in_the_past_are_not_overdue():
    goal = dated(1, 0, -30, status=Goal.Status.ACHIEVED)
    (item,) = roadmap_layout(goals=[goal], today=TODAY).rows[0].items
    assert not item.is_overdue
    assert item.when == "1\xa0month ago"
