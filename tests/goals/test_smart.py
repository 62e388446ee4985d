"""The SMART check, letter by letter, as a table."""

import datetime
from decimal import Decimal

import pytest

from goals.smart import smart_check

TODAY = datetime.date(2026, 11, 22)
GOOD = {
    "statement": "Lead two client projects end to end",
    "metric_name": "Projects led",
    "baseline": Decimal("0"),
    "target": Decimal("2"),
    "confidence": 4,
    "relevance": "It is the path to becoming a team lead.",
    "has_vision_link": False,
    "target_date": datetime.date(2027, 9, 30),
    "horizon_years": 1,
    "today": TODAY,
}


def check(**changes):
    return smart_check(**(GOOD | changes))


def test_a_good_goal_meets_every_letter():
    report = check()
    assert report.is_smart
    assert report.score == 5
    assert report.can_activate
    assert report.missing == []


@pytest.mark.parametrize(
    ("changes", "letter", "hint_part"),
    [
        ({"statement": "Promotion"}, "S", "full sentence"),
        ({"statement": "A senior title at a big company"}, "S", "action word"),
        ({"statement": "Get better at public speaking"}, "S", "need a number"),
        ({"metric_name": ""}, "M", "Name what you will count"),
        ({"baseline": None}, "M", "starting value and a target"),
        ({"target": Decimal("0")}, "M", "equals your starting value"),
        ({"confidence": None}, "A", "Rate how confident"),
        ({"confidence": 2}, "A", "ask your buddy"),
        ({"confidence": 1}, "A", "ask your buddy"),
        ({"relevance": "", "has_vision_link": False}, "R", "why this matters"),
        ({"relevance": "money"}, "R", "why this matters"),
        ({"target_date": None}, "T", "Set a deadline"),
        ({"target_date": datetime.date(2026, 11, 21)}, "T", "has passed"),
        ({"target_date": datetime.date(2028, 6, 1)}, "T", "1-year horizon"),
    ],
)
def test_each_missing_letter_says_what_to_do(changes, letter, hint_part):
    report = check(**changes)
    assert not report[letter].met
    assert hint_part in report[letter].hint
    others = [entry for entry in report.letters if entry.letter != letter]
    assert all(entry.met for entry in others)


@pytest.mark.parametrize(
    "statement",
    [
        "Led the migration of three services",  # irregular past tense
        "Publishing 4 articles on distributed systems",
        "Become an engineering manager at my company",
        "Earn 20% more than this year",  # "more" is fine with a number
        "Planned and running two workshops",  # doubled consonant
    ],
)
def test_specific_statements(statement):
    assert check(statement=statement)["S"].met


@pytest.mark.parametrize(
    ("changes", "met"),
    [
        ({"relevance": "", "has_vision_link": True}, True),
        ({"confidence": 3}, True),
        ({"target_date": TODAY}, True),  # due today is still on time
        ({"target_date": datetime.date(2034, 1, 1), "horizon_years": 10}, True),
        ({"target_date": datetime.date(2037, 1, 1), "horizon_years": 10}, False),
    ],
)
def test_edges(changes, met):
    assert check(**changes).is_smart is met


@pytest.mark.parametrize(("steps", "met"), [(0, False), (1, False), (2, True), (7, True)])
def test_step_only_goals_are_measured_by_their_steps(steps, met):
    report = check(metric_name="", baseline=None, target=None, step_count=steps)
    assert report["M"].met is met


def test_drafts_need_measure_and_deadline_to_start():
    assert not check(metric_name="").can_activate
    assert not check(target_date=None).can_activate
    assert check(confidence=1, relevance="").can_activate


def test_leap_day_horizon():
    report = check(today=datetime.date(2028, 2, 29), target_date=datetime.date(2029, 3, 1))
    assert report["T"].met
