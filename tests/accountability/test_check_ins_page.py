"""The partnership page's check-ins: the streak, a missed week said plainly, the timeline,
and what the pages cost."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accountability import services
from accountability.models import Agreement, BuddyCheckIn, BuddyCheckInEntry

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
TUESDAY = 1
RULES = {
    "working_toward": "Ana: two client projects by June.",
    "support": "Read each other's updates.",
    "cadence": "weekly",
    "check_in_day": TUESDAY,
}
NOW = datetime.datetime(2027, 3, 31, 12, 0, tzinfo=UTC)  # a Wednesday
THIS_TUESDAY = datetime.date(2027, 3, 30)


def travel(moment):
    return time_machine.travel(moment, tick=False)


def page_url(partnership):
    return reverse("buddies:partnership_detail", args=[partnership.pk])


def agreed(partnership, ana, bob, *, weeks_ago: int):
    agreement = services.agreement_save(partnership=partnership, by=ana, **RULES)
    services.agreement_confirm(agreement=agreement, by=bob, version=1)
    Agreement.objects.filter(pk=agreement.pk).update(
        check_ins_since=NOW - datetime.timedelta(weeks=weeks_ago)
    )


def written(partnership, author, goal, *, weeks_ago: int, answered_by=None):
    """A check-in of an earlier agreed Tuesday, as it would have been written then."""
    due_on = THIS_TUESDAY - datetime.timedelta(weeks=weeks_ago)
    at = datetime.datetime.combine(due_on, datetime.time(9), tzinfo=UTC)
    check_in = BuddyCheckIn.objects.create(
        partnership=partnership, author=author, due_on=due_on, written_at=at
    )
    if goal is not None:
        BuddyCheckInEntry.objects.create(check_in=check_in, goal=goal, moved=f"Week {weeks_ago}")
    if answered_by is not None:
        with travel(at + datetime.timedelta(days=1)):
            services.check_in_acknowledge(
                check_in=check_in, by=answered_by, reaction="cheer", reply=f"Reply {weeks_ago}"
            )
    return check_in


def test_the_streak_counts_kept_weeks_and_a_missed_week_is_said_plainly(
    client, ana, bob, partnership, shared_goal
):
    with travel(NOW):
        agreed(partnership, ana, bob, weeks_ago=10)
        for weeks in (2, 3, 4, 5, 6, 7, 8):  # not last week (1), nor this week yet
            written(partnership, ana, shared_goal, weeks_ago=weeks)
        client.force_login(ana)
        html = client.get(page_url(partnership)).content.decode()
    assert "You: 7 of the last 8 weeks" in html
    assert "Bob: 0 of the last 8 weeks" in html
    assert "You didn’t write the check-in of Tuesday 23 March. That happens." in html
    assert "Write this week’s now" in html
    assert "No check-in from you for Tuesday 23 March." in html


def test_a_written_week_counts_and_shows_who_saw_it(client, ana, bob, partnership, shared_goal):
    with travel(NOW):
        agreed(partnership, ana, bob, weeks_ago=3)
        for weeks in (0, 1, 2):
            written(partnership, ana, shared_goal, weeks_ago=weeks, answered_by=bob)
        client.force_login(ana)
        html = client.get(page_url(partnership)).content.decode()
    assert "You: every week so far (3 in a row)" in html
    assert "is written." in html and "Seen by Bob on Wednesday." in html
    assert "Reply 0" in html
    assert "didn’t write" not in html


def test_without_agreed_rules_the_page_explains_and_still_offers_a_check_in(
    client, ana, partnership, shared_goal
):
    client.force_login(ana)
    html = client.get(page_url(partnership)).content.decode()
    assert "Pick a check-in day in your rules." in html
    assert reverse("buddies:check_in_write", args=[partnership.pk]) in html


def test_the_buddy_sees_what_waits_for_an_answer(client, ana, bob, partnership, shared_goal):
    with travel(NOW):
        agreed(partnership, ana, bob, weeks_ago=3)
        check_in = written(partnership, ana, shared_goal, weeks_ago=0)
        client.force_login(bob)
        html = client.get(page_url(partnership)).content.decode()
    assert "is waiting for your answer" in html
    assert reverse("buddies:check_in_detail", args=[check_in.pk]) in html


@pytest.mark.parametrize("weeks", [1, 20])
def test_the_partnership_page_costs_the_same_with_any_history(
    client, ana, bob, partnership, make_goal, weeks, django_assert_num_queries
):
    with travel(NOW):
        agreed(partnership, ana, bob, weeks_ago=weeks + 1)
        goals = [make_goal(ana, statement=f"Goal {n}") for n in range(3)]
        for goal in goals:
            services.goal_set_visibility(goal=goal, visibility="buddies")
        for n in range(weeks):
            written(partnership, ana, goals[n % 3], weeks_ago=n, answered_by=bob)
            written(partnership, bob, None, weeks_ago=n, answered_by=ana)
        client.force_login(ana)
        with django_assert_num_queries(12):  # the session comes from Redis
            response = client.get(page_url(partnership))
    assert response.status_code == 200


@pytest.mark.parametrize("goals", [1, 15])
def test_the_check_in_pages_cost_the_same_with_any_number_of_goals(
    client, ana, bob, partnership, make_goal, goals, django_assert_max_num_queries
):
    with travel(NOW):
        agreed(partnership, ana, bob, weeks_ago=2)
        made = [make_goal(ana, statement=f"Goal {n}") for n in range(goals)]
        for goal in made:
            services.goal_set_visibility(goal=goal, visibility="buddies")
        check_in = written(partnership, ana, made[0], weeks_ago=0)
        for goal in made[1:]:
            BuddyCheckInEntry.objects.create(check_in=check_in, goal=goal, moved="More")
        client.force_login(ana)
        with django_assert_max_num_queries(12):
            assert (
                client.get(reverse("buddies:check_in_write", args=[partnership.pk])).status_code
                == 200
            )
        client.force_login(bob)
        with django_assert_max_num_queries(9):
            detail = reverse("buddies:check_in_detail", args=[check_in.pk])
            assert client.get(detail).status_code == 200
        with django_assert_max_num_queries(16):
            answer = reverse("buddies:check_in_acknowledge", args=[check_in.pk])
            assert client.post(answer, {"reaction": "cheer"}).status_code == 302
        entries = {f"goal-{goal.pk}-moved": "Moved" for goal in made}
        client.force_login(ana)
    with travel(NOW + datetime.timedelta(weeks=1)):
        client.force_login(ana)
        with django_assert_max_num_queries(24):
            response = client.post(
                reverse("buddies:check_in_write", args=[partnership.pk]), entries
            )
        assert response.status_code == 302
