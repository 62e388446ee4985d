"""Check-ins through the front door: owner, stranger and anonymous; htmx and plain posts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accountability import services as buddy_services
from careergoals.users.timezones import user_today
from goals import services
from goals.models import CheckIn
from tests.goals.oob import oob_fragments

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def add_url(goal) -> str:
    return reverse("goals:check_in_create", args=[goal.pk])


def delete_url(check_in) -> str:
    return reverse("goals:check_in_delete", args=[check_in.pk])


def entry(today, value="1", **fields) -> dict:
    return {"value": value, "recorded_on": today.isoformat(), "note": ""} | fields


@pytest.fixture
def check_in(goal, ana):
    return services.check_in_create(
        goal=goal, value=Decimal("1"), recorded_on=user_today(ana), note="First project"
    )


def test_owner_adds_a_check_in(client, ana, goal):
    client.force_login(ana)
    today = user_today(ana)
    response = client.post(add_url(goal), entry(today, "1.5", note="Kick-off done"))
    assert response.status_code == 302
    assert response.url == reverse("goals:goal_detail", args=[goal.pk])
    (saved,) = goal.check_ins.all()
    assert (saved.value, saved.recorded_on, saved.note) == (Decimal("1.5"), today, "Kick-off done")
    goal.refresh_from_db()
    assert goal.current_value == Decimal("1.5")


def test_htmx_gets_the_fresh_progress_panel(client, ana, goal):
    client.force_login(ana)
    response = client.post(
        add_url(goal), entry(user_today(ana), "1", note="Half way"), headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="progress"')
    assert "<html" not in html
    assert "Check-in saved." in html
    assert "Projects led: 1 of 2 projects." in html
    assert "Half way" in html  # the new row in the table
    assert 'name="value" value=' not in html  # a fresh form for the next one
    goal.refresh_from_db()
    assert goal.current_value == Decimal("1")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("abc", "Enter a number"),
        ("1,5", "Enter a number"),
        ("1e20", "too large to track"),
        ("-1000000000000", "too large to track"),
        ("NaN", "Enter a number"),
        ("1.234", "at most two decimals"),
        ("", "This field is required."),
    ],
)
@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_bad_values_are_explained_and_kept(client, ana, goal, value, error, headers):
    client.force_login(ana)
    response = client.post(
        add_url(goal), entry(user_today(ana), value, note="Keep me"), headers=headers
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert f'value="{value}"' in html if value else 'name="value"' in html
    assert "Keep me" in html
    assert ("<html" in html) == (not headers)  # plain posts get a whole page
    assert not CheckIn.objects.exists()


def test_future_date_is_refused_and_the_input_kept(client, ana, goal):
    client.force_login(ana)
    tomorrow = user_today(ana) + datetime.timedelta(days=1)
    response = client.post(add_url(goal), entry(tomorrow, "1.25"), headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "can’t be in the future" in html
    assert 'value="1.25"' in html
    assert f'value="{tomorrow.isoformat()}"' in html
    assert not CheckIn.objects.exists()


def test_future_means_the_owners_own_today(client, make_user, make_goal):
    # 05:00 UTC on 1 June is still 31 May in Pago Pago (UTC−11).
    pago = make_user(email="pago@example.org", timezone="Pacific/Pago_Pago")
    goal = make_goal(pago)
    client.force_login(pago)
    with time_machine.travel(datetime.datetime(2025, 6, 1, 5, tzinfo=datetime.UTC), tick=False):
        refused = client.post(add_url(goal), entry(datetime.date(2025, 6, 1)), headers=HTMX)
        accepted = client.post(add_url(goal), entry(datetime.date(2025, 5, 31)), headers=HTMX)
    assert "can’t be in the future" in refused.content.decode()
    assert accepted.status_code == 200
    assert [c.recorded_on for c in goal.check_ins.all()] == [datetime.date(2025, 5, 31)]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"recorded_on": "31/31/2025"}, "Enter a date"),
        ({"recorded_on": "1800-01-01"}, "Pick a date between"),
        ({"note": "x" * 501}, "up to 500 characters"),
    ],
)
def test_bad_dates_and_notes(client, ana, goal, fields, error):
    client.force_login(ana)
    response = client.post(add_url(goal), entry(user_today(ana)) | fields, headers=HTMX)
    assert error in response.content.decode()
    assert not CheckIn.objects.exists()


def test_goal_without_a_measure_explains_what_is_missing(client, ana, make_goal):
    goal = make_goal(ana, baseline=None, target=None, metric_name="", metric_unit="")
    client.force_login(ana)
    response = client.post(add_url(goal), entry(user_today(ana)), headers=HTMX)
    assert response.status_code == 200
    assert "Add a measure with a starting value and a target first." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_stranger_gets_404_on_both_urls(client, bob, goal, check_in):
    client.force_login(bob)
    assert client.post(add_url(goal), entry(user_today(bob))).status_code == 404
    assert client.post(delete_url(check_in)).status_code == 404
    assert list(CheckIn.objects.all()) == [check_in]


def test_anonymous_is_sent_to_sign_in(client, goal, check_in, today):
    for url in (add_url(goal), delete_url(check_in)):
        response = client.post(url, entry(today))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert CheckIn.objects.count() == 1


def test_only_post_is_allowed(client, ana, goal, check_in):
    client.force_login(ana)
    assert client.get(add_url(goal)).status_code == 405
    assert client.get(delete_url(check_in)).status_code == 405


def test_owner_removes_a_check_in(client, ana, goal, check_in):
    client.force_login(ana)
    response = client.post(delete_url(check_in))
    assert response.status_code == 302
    assert response.url == reverse("goals:goal_detail", args=[goal.pk])
    assert not CheckIn.objects.exists()
    goal.refresh_from_db()
    assert goal.current_value is None


def test_htmx_remove_returns_the_panel_with_the_table_open(client, ana, goal, check_in):
    earlier = services.check_in_create(
        goal=goal, value=Decimal("0.5"), recorded_on=check_in.recorded_on, note="Earlier"
    )
    client.force_login(ana)
    response = client.post(delete_url(check_in), headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check-in removed." in html
    assert "<details" in html and " open>" in html
    assert "Earlier" in html and "First project" not in html
    goal.refresh_from_db()
    assert goal.current_value == earlier.value


def test_notes_are_escaped(client, ana, goal):
    client.force_login(ana)
    note = "<script>alert(1)</script>"
    response = client.post(add_url(goal), entry(user_today(ana), note=note), headers=HTMX)
    html = response.content.decode()
    assert note not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_check_in_in_place_moves_the_goals_progress_bar(client, ana, goal):
    client.force_login(ana)
    added = oob_fragments(
        client.post(add_url(goal), entry(user_today(ana), "1"), headers=HTMX).content.decode()
    )
    assert added["goal-progress"].has(role="progressbar", aria_valuenow="50")
    assert added["goal-progress"].has(data_percent="50")
    assert "50%" in added["goal-progress"].text
    assert "1 of 2 projects" in added["goal-progress"].text  # what the percentage counts

    (saved,) = goal.check_ins.all()
    removed = oob_fragments(client.post(delete_url(saved), headers=HTMX).content.decode())
    assert removed["goal-progress"].has(data_percent="0")


def test_a_refused_check_in_changes_nothing_else(client, ana, goal):
    client.force_login(ana)
    response = client.post(add_url(goal), entry(user_today(ana), "abc"), headers=HTMX)
    assert oob_fragments(response.content.decode()) == {}


def test_a_buddy_reads_the_owners_check_ins_by_name(client, ana, bob, goal, check_in):
    buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    client.force_login(bob)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Ana’s check-ins" in html
    assert "Your check-ins" not in html
    client.force_login(ana)
    assert "Your check-ins" in client.get(goal.get_absolute_url()).content.decode()
