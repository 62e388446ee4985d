"""A partnership's page, its rules and its end: member, stranger, ex-buddy and anonymous."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability import services
from accountability.models import Agreement, AgreementConfirmation, ReviewMeeting
from goals import services as goal_services

pytestmark = pytest.mark.django_db

RULES = {
    "working_toward": "Ana: lead two projects by June.\nBob: pass the PMP by March.",
    "support": "Read each other's updates <b>honestly</b>.",
    "cadence": "fortnightly",
}


def detail(partnership):
    return reverse("buddies:partnership_detail", args=[partnership.pk])


def flashed(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Who may see what ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["buddies:partnership_detail", "buddies:rules_edit"])
def test_both_members_see_the_pages(client, ana, bob, partnership, name):
    for member in (ana, bob):
        client.force_login(member)
        assert client.get(reverse(name, args=[partnership.pk])).status_code == 200


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("buddies:partnership_detail", "get"),
        ("buddies:rules_edit", "get"),
        ("buddies:rules_edit", "post"),
        ("buddies:rules_confirm", "post"),
        ("buddies:partnership_end", "post"),
    ],
)
def test_a_stranger_gets_404(client, carol, partnership, name, method):
    client.force_login(carol)
    response = getattr(client, method)(
        reverse(name, args=[partnership.pk]), {**RULES, "version": "1"}
    )
    assert response.status_code == 404
    partnership.refresh_from_db()
    assert partnership.is_active
    assert not Agreement.objects.exists()


def test_an_unknown_partnership_is_404(client, ana):
    client.force_login(ana)
    assert client.get(reverse("buddies:partnership_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "buddies:partnership_detail",
        "buddies:rules_edit",
        "buddies:rules_confirm",
        "buddies:partnership_end",
    ],
)
def test_anonymous_is_sent_to_sign_in(client, partnership, name):
    response = client.post(reverse(name, args=[partnership.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    partnership.refresh_from_db()
    assert partnership.is_active


def test_ending_removes_access_at_once(client, ana, bob, shared_goal, partnership):
    client.force_login(bob)
    goal_page = reverse("goals:goal_detail", args=[shared_goal.pk])
    assert client.get(goal_page).status_code == 200
    page = client.get(detail(partnership)).content.decode()
    assert "End the partnership" in page
    assert shared_goal.statement in page

    response = client.post(reverse("buddies:partnership_end", args=[partnership.pk]), follow=True)
    assert response.redirect_chain == [(reverse("buddies:buddies"), 302)]
    assert "You are no longer buddies with Ana" in flashed(response)[0]
    partnership.refresh_from_db()
    assert not partnership.is_active and partnership.ended_by == bob

    # Both sides lose the page, and the ex-buddy loses the goal, at once.
    assert client.get(goal_page).status_code == 404
    assert client.get(detail(partnership)).status_code == 404
    client.force_login(ana)
    assert client.get(detail(partnership)).status_code == 404
    assert client.get(goal_page).status_code == 200
    # Ending it twice is a 404, not an error.
    assert client.post(reverse("buddies:partnership_end", args=[partnership.pk])).status_code == 404


def test_ending_needs_a_post(client, ana, partnership):
    client.force_login(ana)
    assert client.get(reverse("buddies:partnership_end", args=[partnership.pk])).status_code == 405
    partnership.refresh_from_db()
    assert partnership.is_active


# The page ------------------------------------------------------------------------------------


def test_page_shows_both_people_goals_both_ways_and_what_to_do_next(
    client, ana, bob, make_goal, shared_goal, partnership
):
    bobs = make_goal(bob, statement="Pass the PMP exam")
    services.goal_set_visibility(goal=bobs, visibility="buddies")
    make_goal(bob, statement="Bob's private plan")
    client.force_login(ana)
    html = client.get(detail(partnership)).content.decode()
    assert "You and Bob" in html
    assert "ana@example.org" in html and "bob@example.org" in html
    theirs, mine = html.split("You share with Bob")
    assert "Pass the PMP exam" in theirs.split("Bob shares with you")[1]
    assert shared_goal.statement in mine
    assert f'href="{reverse("goals:goal_detail", args=[bobs.pk])}"' in html
    assert "Bob&#x27;s private plan" not in html and "private plan" not in html
    assert f'href="{reverse("buddies:review_propose", args=[partnership.pk])}"' in html
    assert f'href="{reverse("buddies:rules_edit", args=[partnership.pk])}"' in html
    assert "No rules written yet" in html


def test_page_shows_the_next_review(client, ana, partnership):
    soon = timezone.now() + datetime.timedelta(days=3)
    ReviewMeeting.objects.create(partnership=partnership, proposed_by=ana, starts_at=soon)
    ReviewMeeting.objects.create(
        partnership=partnership, proposed_by=ana, starts_at=soon - datetime.timedelta(days=10)
    )
    later = ReviewMeeting.objects.create(
        partnership=partnership, proposed_by=ana, starts_at=soon + datetime.timedelta(days=30)
    )
    client.force_login(ana)
    response = client.get(detail(partnership))
    assert response.context["page"].next_review.starts_at == soon
    html = response.content.decode()
    assert "Propose a review" not in html
    assert reverse("buddies:review_detail", args=[later.pk]) not in html


def test_recent_activity_between_the_two(client, ana, bob, shared_goal, partnership, today):
    goal_services.check_in_create(
        goal=shared_goal, value=Decimal("1"), recorded_on=today, note="First <one> done"
    )
    services.comment_add(goal=shared_goal, author=bob, text="Great start, keep going!")
    client.force_login(ana)
    html = client.get(detail(partnership)).content.decode()
    assert "Great start, keep going!" in html
    assert "recorded progress on" in html and "Now at 1 of 2 projects" in html
    assert "First &lt;one&gt; done" in html


# Rules ---------------------------------------------------------------------------------------


def test_rules_written_confirmed_edited_and_confirmed_again(client, ana, bob, partnership):
    client.force_login(ana)
    response = client.post(reverse("buddies:rules_edit", args=[partnership.pk]), RULES, follow=True)
    assert response.redirect_chain == [(detail(partnership), 302)]
    assert "We asked Bob to confirm them" in flashed(response)[0]
    html = response.content.decode()
    assert "Read each other&#x27;s updates &lt;b&gt;honestly&lt;/b&gt;." in html
    assert "Every two weeks" in html
    assert "Confirmed the rules (version 1)" in html  # the author
    assert "Hasn’t confirmed the rules yet" in html  # bob
    assert "I agree to version" not in html

    client.force_login(bob)
    html = client.get(detail(partnership)).content.decode()
    assert "I agree to version 1" in html
    response = client.post(
        reverse("buddies:rules_confirm", args=[partnership.pk]), {"version": "1"}, follow=True
    )
    assert "You confirmed version 1" in flashed(response)[0]
    html = response.content.decode()
    assert "Both confirmed" in html
    assert html.count("Confirmed the rules (version 1)") == 2

    # Bob changes the cadence: version 2, which ana must confirm again.
    client.post(
        reverse("buddies:rules_edit", args=[partnership.pk]), {**RULES, "cadence": "weekly"}
    )
    agreement = Agreement.objects.get()
    assert (agreement.version, agreement.cadence) == (2, "weekly")
    client.force_login(ana)
    html = client.get(detail(partnership)).content.decode()
    assert "Waiting for confirmation" in html
    assert "Confirmed version 1; not yet version 2" in html  # ana
    assert "Confirmed the rules (version 2)" in html  # bob
    assert "I agree to version 2" in html
    client.post(reverse("buddies:rules_confirm", args=[partnership.pk]), {"version": "2"})
    assert set(
        AgreementConfirmation.objects.filter(version=2).values_list("user__email", flat=True)
    ) == {"ana@example.org", "bob@example.org"}


def test_saving_unchanged_rules_keeps_the_version(client, ana, partnership):
    services.agreement_save(partnership=partnership, by=ana, **RULES)
    client.force_login(ana)
    response = client.post(reverse("buddies:rules_edit", args=[partnership.pk]), RULES, follow=True)
    assert flashed(response) == ["Nothing changed in the rules."]
    assert Agreement.objects.get().version == 1


def test_the_edit_form_starts_from_the_current_rules(client, ana, bob, partnership):
    services.agreement_save(partnership=partnership, by=ana, **RULES)
    client.force_login(bob)
    html = client.get(reverse("buddies:rules_edit", args=[partnership.pk])).content.decode()
    assert "Change your rules" in html
    assert "Bob: pass the PMP by March." in html
    assert "makes version 2" in html


def test_a_stale_confirmation_is_refused_with_a_message(client, ana, bob, partnership):
    services.agreement_save(partnership=partnership, by=ana, **RULES)
    services.agreement_save(partnership=partnership, by=ana, **{**RULES, "cadence": "monthly"})
    client.force_login(bob)
    response = client.post(
        reverse("buddies:rules_confirm", args=[partnership.pk]), {"version": "1"}, follow=True
    )
    assert response.redirect_chain == [(detail(partnership), 302)]
    assert "The rules changed while you were reading" in flashed(response)[0]
    assert not AgreementConfirmation.objects.filter(user=bob).exists()


@pytest.mark.parametrize("version", ["", "two", "-1", "1.5", "9" * 30])
def test_a_bad_version_is_a_message_not_a_500(client, ana, bob, partnership, version):
    services.agreement_save(partnership=partnership, by=ana, **RULES)
    client.force_login(bob)
    response = client.post(
        reverse("buddies:rules_confirm", args=[partnership.pk]), {"version": version}, follow=True
    )
    assert response.status_code == 200
    assert len(flashed(response)) == 1
    assert not AgreementConfirmation.objects.filter(user=bob).exists()


def test_confirming_before_any_rules_is_a_message(client, bob, partnership):
    client.force_login(bob)
    response = client.post(
        reverse("buddies:rules_confirm", args=[partnership.pk]), {"version": "1"}, follow=True
    )
    assert flashed(response) == ["There are no rules to confirm yet: write them first."]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"working_toward": "  "}, "This field is required"),
        ({"support": ""}, "This field is required"),
        ({"cadence": "daily"}, "Select a valid choice"),
        ({"support": "x" * 3001}, "up to 3,000 characters"),
    ],
)
def test_bad_rules_get_clear_errors(client, ana, partnership, changes, expected):
    client.force_login(ana)
    response = client.post(
        reverse("buddies:rules_edit", args=[partnership.pk]), {**RULES, **changes}
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Agreement.objects.exists()


# Cost ----------------------------------------------------------------------------------------


def fill(ana, bob, make_goal, partnership, today, size):
    """``size`` goals shared each way, each with a check-in, a comment and some achieved."""
    services.agreement_save(partnership=partnership, by=ana, **RULES)
    services.agreement_confirm(agreement=Agreement.objects.get(), by=bob, version=1)
    ReviewMeeting.objects.create(
        partnership=partnership,
        proposed_by=ana,
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    for owner, other in ((ana, bob), (bob, ana)):
        for n in range(size):
            goal = make_goal(owner, statement=f"{owner.name}'s goal {n}")
            services.goal_set_visibility(goal=goal, visibility="buddies")
            goal_services.check_in_create(goal=goal, value=Decimal(n), recorded_on=today)
            services.comment_add(goal=goal, author=other, text=f"Go {n}")
            if n % 3 == 0:
                goal_services.goal_achieve(goal=goal)


@pytest.mark.parametrize("size", [1, 10])
def test_partnership_page_costs_the_same_at_any_size(
    client, ana, bob, make_goal, partnership, today, size, django_assert_num_queries
):
    fill(ana, bob, make_goal, partnership, today, size)
    client.force_login(ana)
    # session, user, partnership with both people, agreement, its confirmations,
    # their goals, mine, next review, past reviews, comments, check-ins, check-ins with the
    # buddy; the nav's unread count
    with django_assert_num_queries(12):  # the session comes from Redis
        response = client.get(detail(partnership))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"Bob&#x27;s goal \d+</a>", html)) >= size
    assert "Both confirmed" in html
