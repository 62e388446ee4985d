"""The library of goal examples: the data files, the loader command and the admin."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from goals.models import Goal, GoalExample, GoalExampleStep
from goals.services_examples import EXAMPLES_DIR, goal_examples_load, read_library
from goals.smart import check_specific

pytestmark = pytest.mark.django_db

SOURCE_CATEGORIES = set(Goal.Category.values) - {Goal.Category.OTHER}


def _load(directory=EXAMPLES_DIR) -> str:
    out = io.StringIO()
    call_command("load_goal_examples", "--dir", str(directory), stdout=out)
    return out.getvalue()


def _write(folder, category: str, examples: list[dict]) -> None:
    (folder / f"{category}.json").write_text(
        json.dumps({"category": category, "examples": examples}), encoding="utf-8"
    )


def _entry(slug: str, **changes) -> dict:
    return {
        "slug": slug,
        "title": "Ask for a raise",
        "statement": "Negotiate a salary of [your number] at my next review.",
        "horizon": 1,
        "weeks": 16,
        "measure": {"name": "Salary", "unit": "EUR", "baseline": None, "target": None},
        "steps": [
            {"week": 1, "title": "Find out what the role pays"},
            {"week": 2, "title": "Book a 1:1 with your manager"},
            {"day": 100, "title": "Have the conversation"},
        ],
    } | changes


def test_each_category_of_the_source_idea_has_at_least_four_examples():
    library = read_library()
    per_category = dict.fromkeys(SOURCE_CATEGORIES, 0)
    for values, steps, _ in library.values():
        per_category[values["category"]] += 1
        assert 3 <= len(steps) <= 6
    assert all(count >= 4 for count in per_category.values()), per_category


def test_every_statement_is_specific_once_the_placeholders_are_filled_in():
    for slug, (values, _, _) in read_library().items():
        filled = re.sub(r"\[[^\]]+\]", "12", values["statement"])
        assert check_specific(filled).met, slug


def test_a_fresh_database_has_the_library_after_migrate():
    # pytest-django built the test database with `migrate`: post_migrate loaded it.
    assert GoalExample.objects.filter(source="library").count() == len(read_library())
    step = GoalExampleStep.objects.get(
        example__slug="earnings-raise-at-review", title__startswith="Book a 1:1"
    )
    assert step.offset_days == 14 and step.when == "week 2"


def test_the_command_is_idempotent_and_says_what_it_did(tmp_path):
    GoalExample.objects.all().delete()
    _write(tmp_path, "earnings", [_entry("raise"), _entry("move", title="Move jobs")])

    assert _load(tmp_path).startswith("2 created, 0 updated, 0 unchanged.")
    assert _load(tmp_path).startswith("0 created, 0 updated, 2 unchanged.")
    assert GoalExample.objects.count() == 2 and GoalExampleStep.objects.count() == 6

    steps = [
        *_entry("raise")["steps"][:2],
        {"week": 3, "title": "Rehearse"},
        {"day": 5, "title": "X"},
    ]
    _write(tmp_path, "earnings", [_entry("raise", title="Ask for more", steps=steps)])
    out = _load(tmp_path)
    assert out.startswith("0 created, 1 updated, 0 unchanged.")
    assert "updated: raise" in out
    assert "not in the files and were left as they are: move" in out
    raise_ = GoalExample.objects.get(slug="raise")
    assert raise_.title == "Ask for more"
    assert [(s.offset_days, s.title) for s in raise_.steps.all()] == [
        (7, "Find out what the role pays"),
        (14, "Book a 1:1 with your manager"),
        (21, "Rehearse"),
        (5, "X"),
    ]
    assert GoalExample.objects.filter(slug="raise").count() == 1


def test_after_migrate_only_new_examples_are_added_so_admin_edits_stay(tmp_path):
    GoalExample.objects.all().delete()
    _write(tmp_path, "earnings", [_entry("raise")])
    goal_examples_load(directory=tmp_path)
    GoalExample.objects.filter(slug="raise").update(title="Edited in the admin")
    _write(tmp_path, "earnings", [_entry("raise"), _entry("move")])

    report = goal_examples_load(directory=tmp_path, only_missing=True)

    assert report.created == ["move"] and report.unchanged == ["raise"]
    assert GoalExample.objects.get(slug="raise").title == "Edited in the admin"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_entry("raise", steps=[{"week": 1, "title": "Only one"}]), "3 to 6 steps, not 1"),
        (_entry("raise", horizon=3), "horizon: Value 3 is not a valid choice"),
        (_entry("raise", title=""), "This field cannot be blank"),
        (_entry("raise", measure={"name": "Salary", "target": "lots"}), "“lots” is not a number"),
        (_entry(""), "every example needs a slug"),
    ],
)
def test_a_mistake_in_a_file_loads_nothing_and_says_where(tmp_path, entry, message):
    GoalExample.objects.all().delete()
    _write(tmp_path, "earnings", [_entry("fine"), entry])

    with pytest.raises(CommandError) as error:
        _load(tmp_path)

    assert "Nothing was loaded" in str(error.value) and message in str(error.value)
    assert "earnings.json" in str(error.value)
    assert not GoalExample.objects.exists()


def test_an_unknown_category_or_a_repeated_slug_is_refused(tmp_path):
    _write(tmp_path, "hobbies", [_entry("raise")])
    with pytest.raises(CommandError, match="unknown category"):
        _load(tmp_path)
    (tmp_path / "hobbies.json").unlink()
    _write(tmp_path, "earnings", [_entry("raise"), _entry("raise")])
    with pytest.raises(CommandError, match="the slug is used twice"):
        _load(tmp_path)


def test_the_admin_lists_and_edits_examples_with_their_steps(client, make_user):
    client.force_login(make_user(email="admin@example.org", is_staff=True, is_superuser=True))
    example = GoalExample.objects.get(slug="earnings-raise-at-review")

    listing = client.get(reverse("admin:goals_goalexample_changelist") + "?q=raise")
    page = client.get(reverse("admin:goals_goalexample_change", args=[example.pk]))

    assert listing.status_code == 200 and "Ask for a raise" in listing.text
    assert page.status_code == 200 and "Book a 1:1 with your manager" in page.text


@pytest.mark.parametrize(
    ("weeks", "said"),
    [(1, "1 week"), (12, "12 weeks"), (16, "4 months"), (78, "18 months"), (104, "2 years")],
)
def test_the_suggested_time_is_said_in_a_person_s_unit(weeks, said):
    assert GoalExample(weeks=weeks).suggested_time == said
