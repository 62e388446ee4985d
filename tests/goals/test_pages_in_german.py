"""The goal pages in the person's language, even when drawn from the store of page parts.

The dashboard, the goal page and the roadmap are drawn once per digest (careergoals/fragments.py)
and the goal page's add-a-step fields once per day in the process: a German visit right after an
English one (and back) must still show each its own language.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from goals import services

pytestmark = pytest.mark.django_db


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A German request leaves German active in this thread (the middleware activates the
    person's language and nothing resets it): later tests expect the default again."""
    yield
    translation.deactivate()


@pytest.fixture
def page_of(client, ana):
    ana.welcomed_at = timezone.now()
    ana.save(update_fields=["welcomed_at"])
    client.force_login(ana)

    def page(path: str, language: str) -> str:
        ana.language = language
        ana.save(update_fields=["language"])
        response = client.get(path)
        assert response.status_code == 200
        return response.content.decode()

    return page


@pytest.mark.parametrize(
    "name, words",
    [
        ("goals:home", ["Deadlines", "Recent achievements"]),
        ("goals:roadmap", ["Your roadmap"]),
        ("goals:journal", ["Your first entry is still ahead"]),
    ],
)
def test_a_page_alternates_between_german_and_english(page_of, goal, name, words):
    for language in ["en", "de", "en", "de"]:
        html = page_of(reverse(name), language)
        for word in words:
            assert _in(language, word) in html
            other = _in("en" if language == "de" else "de", word)
            assert other != _in(language, word), f"{word!r} has no German"
            assert other not in html


def test_the_goal_page_and_its_step_fields_follow_the_language(page_of, goal):
    # "Action plan (optional)" is a label of the add-a-step fields, drawn once per day.
    label = "Action plan (optional)"
    assert _in("de", label) != label, f"{label!r} has no German"
    for language in ["de", "en", "de"]:
        html = page_of(goal.get_absolute_url(), language)
        for word in ["Why it matters", "Add a step", label]:
            assert _in(language, word) in html
        other = "en" if language == "de" else "de"
        assert _in(other, label) not in html
        assert _in(other, "Why it matters") not in html


def test_dates_and_numbers_are_written_the_german_way(page_of, ana, make_goal):
    goal = make_goal(ana, target=Decimal("1234.5"), metric_unit="hours")
    german = page_of(reverse("goals:home"), "de")
    english = page_of(reverse("goals:home"), "en")
    with translation.override("de"):
        assert f"fällig am {dateformat.format(goal.target_date, 'j. M Y')}" in german
    with translation.override("en"):
        assert f"due {dateformat.format(goal.target_date, 'j M Y')}" in english
    assert "0 von 1.234,50 hours" in german
    assert "0 of 1,234.50 hours" in english


def test_a_status_change_in_the_history_reads_in_the_readers_language(page_of, goal):
    services.goal_activate(goal=goal)
    german = page_of(reverse("goals:goal_history", args=[goal.pk]), "de")
    assert f"{_in('de', 'Draft')} → {_in('de', 'Active')}" in german
    assert "Draft → Active" not in german
    assert "Draft → Active" in page_of(reverse("goals:goal_history", args=[goal.pk]), "en")


def test_step_notices_and_messages_are_in_german(page_of, client, goal):
    step = services.micro_goal_create(goal=goal, title="Call a mentor")
    page_of(goal.get_absolute_url(), "de")
    status = reverse("goals:micro_goal_status", args=[step.pk])
    answer = client.post(status, {"status": "doing"}, HTTP_HX_REQUEST="true").content.decode()
    assert _in("de", "Step marked “doing”.") in answer
    assert _in("de", "Step marked “doing”.") != "Step marked “doing”."
    page = client.post(status, {"status": "done"}, follow=True).content.decode()
    assert _in("de", "Step done. Nice work!") in page
