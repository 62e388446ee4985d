"""Goal pages through the test client: owner, stranger (bob), anonymous; bad input."""

import datetime

import pytest
from django.urls import reverse

from goals import services
from goals.models import Goal

pytestmark = pytest.mark.django_db


def valid_data(today, **changes):
    return {
        "statement": "Speak at two industry conferences",
        "category": "difference",
        "horizon": "1",
        "target_date": (today + datetime.timedelta(days=180)).isoformat(),
        "metric_name": "Talks given",
        "metric_unit": "talks",
        "baseline": "0",
        "target": "2",
        "confidence": "3",
        "attainability_notes": "",
        "relevance": "Being known in the field opens doors.",
        "vision_answer": "",
    } | changes


GOAL_PAGES = ["goals:goal_detail", "goals:goal_edit", "goals:goal_history", "goals:goal_delete"]


@pytest.mark.parametrize("name", GOAL_PAGES)
def test_owner_sees_goal_pages(client, ana, goal, name):
    client.force_login(ana)
    assert client.get(reverse(name, args=[goal.pk])).status_code == 200


@pytest.mark.parametrize("name", [*GOAL_PAGES, "goals:goal_status", "goals:micro_goal_create"])
def test_stranger_gets_404(client, bob, goal, name):
    client.force_login(bob)
    method = client.post if name in {"goals:goal_status", "goals:micro_goal_create"} else client.get
    assert method(reverse(name, args=[goal.pk]), {"action": "abandon"}).status_code == 404
    goal.refresh_from_db()
    assert goal.status == Goal.Status.DRAFT


@pytest.mark.parametrize("name", [*GOAL_PAGES, "goals:goal_status", "goals:micro_goal_create"])
def test_anonymous_is_sent_to_sign_in(client, goal, name):
    response = client.get(reverse(name, args=[goal.pk]))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["goals:home", "goals:goal_create", "goals:vision"])
def test_list_pages_need_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_create_goal(client, ana, today):
    client.force_login(ana)
    response = client.post(reverse("goals:goal_create"), valid_data(today))
    goal = Goal.objects.get(owner=ana)
    assert response.status_code == 302
    assert response.url == goal.get_absolute_url()
    assert goal.statement == "Speak at two industry conferences"
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "Speak at two industry conferences" in page
    assert "All five letters met" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"statement": ""}, "statement", "This field is required."),
        ({"statement": "x" * 10240}, "statement", "up to 300 characters"),
        ({"target_date": "2001-01-01"}, "target_date", "from today onwards"),
        ({"target_date": "not a date"}, "target_date", "Enter a valid date."),
        ({"baseline": "abc"}, "baseline", "Enter a number"),
        ({"target": "1e20"}, "target", "too large"),
        ({"target": "99999999999999999999"}, "target", "too large"),
        ({"target": "0"}, "target", "equals the starting value"),
        ({"metric_name": ""}, "metric_name", "Name what these numbers measure."),
        ({"baseline": ""}, "target", "both a starting value and a target"),
        ({"horizon": "7"}, "horizon", "Select a valid choice"),
        ({"confidence": "9"}, "confidence", "Select a valid choice"),
        ({"vision_answer": "999999"}, "vision_answer", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_clearly_and_kept(client, ana, today, changes, field, message):
    client.force_login(ana)
    data = valid_data(today, **changes)
    response = client.post(reverse("goals:goal_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Talks given" in html or field == "metric_name"  # what was typed comes back
    assert not Goal.objects.exists()


def test_html_in_text_is_escaped(client, ana, today):
    client.force_login(ana)
    client.post(
        reverse("goals:goal_create"),
        valid_data(today, statement="Lead <script>alert(1)</script> two teams"),
    )
    goal = Goal.objects.get()
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_someone_elses_vision_answer_cannot_be_linked(client, ana, bob, today):
    theirs = services.vision_answer_save(owner=bob, prompt="success", text="Bob's dream")
    client.force_login(ana)
    response = client.post(reverse("goals:goal_create"), valid_data(today, vision_answer=theirs.pk))
    assert response.status_code == 200
    assert not Goal.objects.exists()


def test_edit_records_history_with_note(client, ana, goal, today):
    client.force_login(ana)
    data = valid_data(today, statement="Lead three client projects", note="Bigger team now")
    response = client.post(reverse("goals:goal_edit", args=[goal.pk]), data)
    assert response.status_code == 302
    change = goal.changes.get(field="statement")
    assert change.note == "Bigger team now"
    history = client.get(reverse("goals:goal_history", args=[goal.pk])).content.decode()
    assert "Bigger team now" in history


def test_editing_an_old_goal_keeps_its_past_deadline(client, ana, make_goal, today):
    goal = make_goal(ana)
    Goal.objects.filter(pk=goal.pk).update(target_date=today - datetime.timedelta(days=3))
    client.force_login(ana)
    past = (today - datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]), valid_data(today, target_date=past)
    )
    assert response.status_code == 302


def test_status_flow(client, ana, goal):
    client.force_login(ana)
    url = reverse("goals:goal_status", args=[goal.pk])
    client.post(url, {"action": "activate"})
    goal.refresh_from_db()
    assert goal.status == "active"
    response = client.post(url, {"action": "achieve"})
    assert response.url == reverse("goals:goal_celebrate", args=[goal.pk])
    goal.refresh_from_db()
    assert goal.status == "achieved"
    client.post(url, {"action": "reopen"})
    goal.refresh_from_db()
    assert goal.status == "draft"


def test_activation_refused_with_a_message(client, ana, make_goal):
    goal = make_goal(ana, target_date=None)
    client.force_login(ana)
    response = client.post(
        reverse("goals:goal_status", args=[goal.pk]), {"action": "activate"}, follow=True
    )
    assert "measurable and dated" in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == "draft"


def test_abandon_without_reason_is_refused(client, ana, goal):
    client.force_login(ana)
    url = reverse("goals:goal_status", args=[goal.pk])
    response = client.post(url, {"action": "abandon", "reason": ""}, follow=True)
    assert "why you are letting this goal go" in response.content.decode()
    # The form, shown only on demand, stays open to show what was refused.
    assert '<details id="abandon" class="let-go" open>' in response.content.decode()
    assert '<details id="abandon" class="let-go">' in client.get(goal.get_absolute_url()).text
    goal.refresh_from_db()
    assert goal.status == "draft"
    client.post(url, {"action": "abandon", "reason": "New job"})
    goal.refresh_from_db()
    assert (goal.status, goal.abandoned_reason) == ("abandoned", "New job")


def test_unknown_action_is_not_a_500(client, ana, goal):
    client.force_login(ana)
    response = client.post(reverse("goals:goal_status", args=[goal.pk]), {"action": "explode"})
    assert response.status_code == 302


def test_delete(client, ana, goal):
    client.force_login(ana)
    response = client.post(reverse("goals:goal_delete", args=[goal.pk]))
    assert response.url == reverse("goals:home")
    assert not Goal.objects.exists()


def test_live_smart_check(client, ana, today):
    client.force_login(ana)
    response = client.post(
        reverse("goals:goal_smart_check"),
        {"statement": "Promotion", "target": "abc", "target_date": "garbage"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="smart-panel"' in html
    assert "full sentence" in html
    assert "0 of 5" in html
    good = client.post(reverse("goals:goal_smart_check"), valid_data(today), HTTP_HX_REQUEST="true")
    assert "All five letters met" in good.content.decode()


def test_live_smart_check_ignores_someone_elses_goal(client, bob, goal, today):
    client.force_login(bob)
    response = client.post(
        reverse("goals:goal_smart_check"), valid_data(today) | {"goal_pk": str(goal.pk)}
    )
    assert response.status_code == 200


def test_create_form_prefills_from_a_reflection(client, ana, make_goal):
    previous = make_goal(ana, category=Goal.Category.KNOWLEDGE)
    client.force_login(ana)
    html = client.get(
        reverse("goals:goal_create") + f"?from_reflection={previous.pk}"
    ).content.decode()
    assert 'value="knowledge" selected' in html


@pytest.mark.parametrize("who", ["owner", "buddy"])
def test_goal_page_costs_the_same_with_one_step_or_twenty(client, ana, bob, make_goal, who):
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accountability import services as buddy_services
    from careergoals.users.timezones import user_today

    buddy_services.partnership_create(a=ana, b=bob)

    def queries_for_page(size):
        goal = make_goal(ana)
        buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
        for n in range(size):
            services.micro_goal_create(goal=goal, title=f"Step {n}")
            services.check_in_create(goal=goal, value=Decimal(n % 3), recorded_on=user_today(ana))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(goal.get_absolute_url()).status_code == 200
        return len(queries)

    client.force_login(ana if who == "owner" else bob)
    assert queries_for_page(1) == queries_for_page(20)


def test_a_reached_goal_reads_as_reached_under_its_bar(client, ana, goal):
    services.goal_achieve(goal=goal)
    client.force_login(ana)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert 'aria-valuenow="100"' in html
    assert "0 of 2 projects" not in html  # its last count says nothing against reaching it


@pytest.mark.parametrize(("who", "caption"), [("owner", "Your answer"), ("buddy", "Ana’s answer")])
def test_the_vision_behind_a_goal_is_named_for_whoever_reads_it(
    client, ana, bob, make_goal, who, caption
):
    from accountability import services as buddy_services

    answer = services.vision_answer_save(owner=ana, prompt="success", text="Teams trust my work.")
    goal = make_goal(ana, vision_answer=answer, relevance="")
    buddy_services.partnership_create(a=ana, b=bob)
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    client.force_login(ana if who == "owner" else bob)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert f"{caption} to “What does a successful career mean to you?”" in html
    assert "Not written yet." not in html  # the answer says why it matters


def test_editing_a_goal_keeps_its_link_to_an_answer_a_newer_one_replaced(
    client, ana, make_goal, today
):
    first = services.vision_answer_save(owner=ana, prompt="success", text="Teams trust my work.")
    goal = make_goal(ana, vision_answer=first)
    services.vision_answer_save(owner=ana, prompt="success", text="I lead a product team.")
    client.force_login(ana)
    page = client.get(reverse("goals:goal_edit", args=[goal.pk])).content.decode()
    assert f'<option value="{first.pk}" selected>' in page
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        valid_data(today, statement=goal.statement, vision_answer=first.pk),
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.vision_answer_id == first.pk
