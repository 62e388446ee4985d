"""The buddies part of the API: buddies, shared goals, comments, feedback, suggestions,
check-ins with a buddy, the calendar. Owner (Ana), buddy (Bob), buddy without the share
(Dave), ex-buddy (Erin) and stranger (Carol) in every part."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accountability import services
from accountability.models import BuddyCheckIn, Comment, Suggestion
from goals import services as goal_services
from goals.models import Goal, MicroGoal

API = "/api/v1"


@pytest.fixture
def erin(make_user):
    return make_user(email="erin@example.org", display_name="Erin")


@pytest.fixture
def pair(ana, bob):
    return services.partnership_create(a=ana, b=bob)


@pytest.fixture
def shared(ana, bob, make_goal, pair):
    """Ana's goal, shared with Bob by name (not with Dave), with two steps."""
    goal = make_goal(ana, statement="Lead the Zanzibar project")
    goal = services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob])
    goal_services.micro_goal_create(goal=goal, title="Book the kick-off")
    goal_services.micro_goal_create(goal=goal, title="Write the plan")
    return goal


@pytest.fixture
def others(ana, bob, dave, erin, carol, shared):
    """Dave: Ana's buddy who isn't shown the goal. Erin: was her buddy, shown it, then left.
    Carol: a stranger."""
    services.partnership_create(a=ana, b=dave)
    ended = services.partnership_create(a=ana, b=erin)
    services.goal_set_visibility(goal=shared, visibility="chosen", chosen=[bob, erin])
    services.partnership_end(partnership=ended, by=erin)
    return {"dave": dave, "erin": erin, "carol": carol}


def queries(api, url) -> int:
    """What one GET costs, once the token's first use of the minute is recorded."""
    api.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def assert_422(response, *fields):
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    for field in fields:
        assert body["errors"].get(field), body


def outsiders(others):
    return [others["dave"], others["erin"], others["carol"]]


# --- Buddies ----------------------------------------------------------------------------


def test_buddies_lists_each_partnership_with_rules_and_counts(api_for, ana, bob, pair, shared):
    services.agreement_save(
        partnership=pair,
        by=bob,
        working_toward="Two client projects",
        support="Weekly notes",
        cadence="weekly",
    )
    services.check_in_save(partnership=pair, author=ana, entries={shared.pk: {"moved": "Booked"}})
    response = api_for(bob).get(f"{API}/buddies")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    [row] = body["items"]
    assert row["id"] == pair.pk
    assert row["buddy"] == {"id": ana.pk, "name": "Ana"}
    assert row["shared_goals"] == 1
    assert row["check_ins_to_answer"] == 1
    assert row["agreement"]["version"] == 1
    assert row["agreement"]["cadence"] == "weekly"
    assert row["agreement"]["you_confirmed"] is True  # saving the rules confirms them
    assert row["agreement"]["both_confirmed"] is False
    # Ana: Bob shares nothing with her, and she has no check-in to answer.
    [mine] = api_for(ana).get(f"{API}/buddies").json()["items"]
    assert mine["buddy"]["name"] == "Bob"
    assert (mine["shared_goals"], mine["check_ins_to_answer"]) == (0, 0)


def test_an_unchanged_list_answers_304(api_for, bob, pair, shared):
    api = api_for(bob)
    first = api.get(f"{API}/buddies/{pair.pk}/shared-goals")
    again = api.get(f"{API}/buddies/{pair.pk}/shared-goals", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    goal_services.micro_goal_create(goal=shared, title="One more")
    changed = api.get(f"{API}/buddies/{pair.pk}/shared-goals", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_buddies_costs_the_same_with_more_buddies(api_for, ana, bob, make_user, make_goal, pair):
    services.agreement_save(
        partnership=pair, by=bob, working_toward="x", support="y", cadence="weekly"
    )
    api = api_for(ana)
    one = queries(api, f"{API}/buddies")
    for n in range(3):
        buddy = make_user(email=f"b{n}@example.org", display_name=f"B{n}")
        partnership = services.partnership_create(a=ana, b=buddy)
        services.agreement_save(
            partnership=partnership, by=buddy, working_toward="x", support="y", cadence="weekly"
        )
        goal = make_goal(buddy)
        services.goal_set_visibility(goal=goal, visibility="buddies")
    # The token; the partnerships and invitations; the rules and their confirmations; the
    # shared goals and the check-ins to answer, counted.
    assert queries(api, f"{API}/buddies") == one == 7
    assert api.get(f"{API}/buddies").json()["count"] == 4


def test_shared_goals_show_what_the_buddy_may_see(api_for, ana, bob, make_goal, pair, shared):
    make_goal(ana, statement="A private goal")
    response = api_for(bob).get(f"{API}/buddies/{pair.pk}/shared-goals")
    assert response.status_code == 200, response.content
    [goal] = response.json()["items"]
    assert goal["id"] == shared.pk
    assert goal["statement"] == "Lead the Zanzibar project"
    assert (goal["progress"]["step_count"], goal["progress"]["steps_done"]) == (2, 0)
    assert goal["progress"]["percent"] == 0  # a measured goal with no value yet
    assert [step["title"] for step in goal["steps"]] == ["Book the kick-off", "Write the plan"]
    assert goal["owner"] == {"id": ana.pk, "name": "Ana"}
    assert goal["is_owner"] is False
    # The same goal as its own route answers it to Bob.
    assert api_for(bob).get(f"{API}/goals/{shared.pk}").json() == goal
    # Ana's view of Bob: he shares nothing.
    assert api_for(ana).get(f"{API}/buddies/{pair.pk}/shared-goals").json()["count"] == 0


def test_shared_goals_are_404_for_anyone_outside_the_partnership(api_for, pair, others, bob):
    for person in outsiders(others):
        response = api_for(person).get(f"{API}/buddies/{pair.pk}/shared-goals")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": {}}
    services.partnership_end(partnership=pair, by=bob)
    assert api_for(bob).get(f"{API}/buddies/{pair.pk}/shared-goals").status_code == 404


def test_shared_goals_cost_the_same_with_more_goals_and_steps(
    api_for, ana, bob, make_goal, pair, shared
):
    api = api_for(bob)
    url = f"{API}/buddies/{pair.pk}/shared-goals"
    one = queries(api, url)
    for n in range(4):
        goal = make_goal(ana, statement=f"Goal {n}")
        services.goal_set_visibility(goal=goal, visibility="buddies")
        for m in range(3):
            goal_services.micro_goal_create(goal=goal, title=f"Step {m}")
    # The token, the partnership, the count, the goals and their steps.
    assert queries(api, url) == one == 5
    assert api.get(url).json()["count"] == 5


# --- Comments ---------------------------------------------------------------------------


def test_a_buddy_comments_and_the_owner_reads_it(api_for, ana, bob, shared):
    step = shared.micro_goals.first()
    response = api_for(bob).post(
        f"{API}/goals/{shared.pk}/comments", {"text": "Go for it", "micro_goal_id": step.pk}
    )
    assert response.status_code == 201, response.content
    assert response.json()["author"] == {"id": bob.pk, "name": "Bob"}
    assert response.json()["micro_goal_id"] == step.pk
    listed = api_for(ana).get(f"{API}/goals/{shared.pk}/comments").json()
    assert [c["text"] for c in listed["items"]] == ["Go for it"]
    assert listed["items"][0]["kind"] == "comment"


def test_a_buddy_comments_from_the_browser_with_csrf_but_not_with_a_read_token(
    api_for, bob, shared
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(bob)
    url, body = f"{API}/goals/{shared.pk}/comments", '{"text": "Hi"}'
    assert browser.post(url, body, content_type="application/json").status_code == 403
    browser.get("/buddies/")  # any page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201, response.content
    assert api_for(bob, scope="read").post(url, {"text": "Hi"}).status_code == 403
    assert Comment.objects.count() == 1


def test_comment_errors_are_422_with_the_fields_named(api_for, bob, make_goal, ana, shared):
    api = api_for(bob)
    assert_422(api.post(f"{API}/goals/{shared.pk}/comments", {"text": "  "}), "text")
    assert_422(api.post(f"{API}/goals/{shared.pk}/comments", {"text": "x" * 2001}), "text")
    other = goal_services.micro_goal_create(goal=make_goal(ana), title="Elsewhere")
    response = api.post(
        f"{API}/goals/{shared.pk}/comments", {"text": "Hi", "micro_goal_id": other.pk}
    )
    assert_422(response, "micro_goal_id")
    assert_422(api.post(f"{API}/goals/{shared.pk}/comments", {}), "text")  # input error
    response = api.post(f"{API}/goals/{shared.pk}/comments", {"text": "Hi", "micro_goal": 1})
    assert_422(response, "micro_goal")  # a misspelt field is refused, not ignored
    assert not Comment.objects.exists()


def test_comments_are_404_for_outsiders(api_for, ana, shared, others):
    services.comment_add(goal=shared, author=ana, text="A note to myself")
    for person in outsiders(others):
        api = api_for(person)
        assert api.get(f"{API}/goals/{shared.pk}/comments").status_code == 404
        response = api.post(f"{API}/goals/{shared.pk}/comments", {"text": "Hello"})
        assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_hidden_comments_only_the_owner_sees_and_only_the_author_deletes(api_for, ana, bob, shared):
    comment = services.comment_add(goal=shared, author=bob, text="The Narwhal joke")
    owner, buddy = api_for(ana), api_for(bob)
    url = f"{API}/comments/{comment.pk}"
    assert buddy.put(f"{url}/hidden", {"hidden": True}).status_code == 404  # not his goal
    response = owner.put(f"{url}/hidden", {"hidden": True})
    assert response.status_code == 200 and response.json()["hidden"] is True
    assert owner.put(f"{url}/hidden", {"hidden": True}).json()["hidden"] is True  # stays
    assert buddy.get(f"{API}/goals/{shared.pk}/comments").json()["count"] == 0
    assert owner.get(f"{API}/goals/{shared.pk}/comments").json()["items"][0]["hidden"] is True
    assert owner.delete(url).status_code == 404  # the owner hides; only the author deletes
    assert buddy.delete(url).status_code == 204
    assert not Comment.objects.exists()


def test_comments_cost_the_same_with_more_comments(api_for, ana, bob, shared):
    api = api_for(ana)
    url = f"{API}/goals/{shared.pk}/comments"
    services.comment_add(goal=shared, author=bob, text="First")
    one = queries(api, url)
    for n in range(5):
        services.comment_add(goal=shared, author=bob, text=f"More {n}")
        services.comment_add(goal=shared, author=ana, text=f"Reply {n}")
    # The token, the goal; then what its page reads of its circle: feedback, comments, the
    # steps (the comment form's choices), who sees it (the owner's buddies, the shares).
    assert queries(api, url) == one == 7
    assert api.get(url).json()["count"] == 11


def test_feedback_and_suggestions_cost_the_same_with_more_buddies(
    api_for, ana, bob, make_user, shared
):
    owner = api_for(ana)
    feedback, suggestions = (
        f"{API}/goals/{shared.pk}/{part}" for part in ("feedback", "suggestions")
    )
    services.goal_set_visibility(goal=shared, visibility="buddies")
    services.feedback_give(goal=shared, author=bob, verdict="stretch")
    services.suggestion_step_add(goal=shared, author=bob, title="One")
    counts = queries(owner, feedback), queries(owner, suggestions)
    for n in range(3):
        buddy = make_user(email=f"b{n}@example.org", display_name=f"B{n}")
        services.partnership_create(a=ana, b=buddy)
        services.feedback_give(goal=shared, author=buddy, verdict="realistic")
        services.suggestion_step_add(goal=shared, author=buddy, title=f"Step {n}")
    assert (queries(owner, feedback), queries(owner, suggestions)) == counts == (6, 3)
    assert owner.get(feedback).json()["count"] == 4
    assert owner.get(suggestions).json()["count"] == 4


# --- Feedback, congratulations, nudges ---------------------------------------------------


def test_feedback_given_replaced_and_listed(api_for, ana, bob, shared):
    buddy = api_for(bob)
    url = f"{API}/goals/{shared.pk}/feedback"
    response = buddy.post(url, {"verdict": "stretch", "comment": "Ambitious"})
    assert response.status_code == 200, response.content
    assert response.json()["verdict"] == "stretch"
    buddy.post(url, {"verdict": "realistic"})
    listed = api_for(ana).get(url).json()
    assert listed["count"] == 1
    assert listed["items"][0]["verdict"] == "realistic"
    assert listed["items"][0]["author"]["name"] == "Bob"


def test_feedback_errors(api_for, ana, bob, shared, others):
    url = f"{API}/goals/{shared.pk}/feedback"
    assert_422(api_for(bob).post(url, {"verdict": "easy"}), "verdict")
    response = api_for(ana).post(url, {"verdict": "realistic"})
    assert_422(response, "__all__")  # the service: feedback is for buddies, not the owner
    for person in outsiders(others):
        assert api_for(person).post(url, {"verdict": "realistic"}).status_code == 404
        assert api_for(person).get(url).status_code == 404


def test_congratulations_once_achieved_and_one_nudge_a_day(api_for, bob, shared):
    buddy = api_for(bob)
    response = buddy.post(f"{API}/goals/{shared.pk}/congratulations", {"text": "Bravo"})
    assert_422(response, "__all__")  # not achieved yet
    assert buddy.post(f"{API}/goals/{shared.pk}/nudge").status_code == 201
    assert_422(buddy.post(f"{API}/goals/{shared.pk}/nudge"), "__all__")
    goal_services.goal_achieve(goal=shared)
    response = buddy.post(f"{API}/goals/{shared.pk}/congratulations", {"text": "Bravo"})
    assert response.status_code == 201 and response.json()["kind"] == "congratulation"


# --- Suggestions ------------------------------------------------------------------------


def test_a_buddy_suggests_and_the_owner_accepts_or_declines(api_for, ana, bob, shared, today):
    buddy, owner = api_for(bob), api_for(ana)
    url = f"{API}/goals/{shared.pk}/suggestions"
    response = buddy.post(url, {"kind": "step", "title": "Book a venue", "why": "They go fast"})
    assert response.status_code == 201, response.content
    step = response.json()
    assert (step["kind"], step["status"], step["author"]["name"]) == ("step", "pending", "Bob")
    new_date = (shared.target_date + datetime.timedelta(days=30)).isoformat()
    response = buddy.post(url, {"kind": "change", "why": "More time", "target_date": new_date})
    assert response.status_code == 201, response.content
    change = response.json()
    assert owner.get(url).json()["count"] == 2
    # The owner accepts the step with a new title, and declines the change.
    response = owner.post(
        f"{API}/suggestions/{step['id']}/accept", {"title": "Book the venue", "note": "Thanks"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    made = MicroGoal.objects.get(pk=response.json()["micro_goal_id"])
    assert (made.title, made.suggested_by) == ("Book the venue", bob)
    response = owner.post(f"{API}/suggestions/{change['id']}/decline", {"note": "Not now"})
    assert response.json()["status"] == "declined"
    assert response.json()["owner_note"] == "Not now"
    shared.refresh_from_db()
    assert shared.target_date.isoformat() != new_date
    assert_422(owner.post(f"{API}/suggestions/{change['id']}/accept", {}), "__all__")


def test_suggestion_errors_and_who_may(api_for, ana, bob, make_user, shared, others):
    buddy, owner = api_for(bob), api_for(ana)
    url = f"{API}/goals/{shared.pk}/suggestions"
    assert_422(buddy.post(url, {"kind": "step", "title": ""}), "title")
    assert_422(buddy.post(url, {"kind": "change", "why": "Because"}), "__all__")
    assert_422(buddy.post(url, {"kind": "idea", "title": "x"}), "kind")
    assert_422(buddy.post(url, {"kind": "step", "title": "x", "deadline": "soon"}), "deadline")
    assert_422(owner.post(url, {"kind": "step", "title": "Mine"}), "__all__")  # own goal
    for person in outsiders(others):
        assert api_for(person).post(url, {"kind": "step", "title": "x"}).status_code == 404
        assert api_for(person).get(url).status_code == 404
    suggestion = services.suggestion_step_add(goal=shared, author=bob, title="Mine to suggest")
    # Only the owner answers: the buddy who wrote it gets 404, like a stranger.
    for person in [bob, *outsiders(others)]:
        response = api_for(person).post(f"{API}/suggestions/{suggestion.pk}/accept", {})
        assert response.status_code == 404
        response = api_for(person).post(f"{API}/suggestions/{suggestion.pk}/decline", {})
        assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PENDING
    # A buddy reads only their own suggestions.
    assert buddy.get(url).json()["count"] == 1
    services.suggestion_step_add(goal=shared, author=bob, title="Another")
    assert owner.get(url).json()["count"] == 2


# --- Check-ins with a buddy --------------------------------------------------------------


def test_check_in_written_read_and_answered(api_for, ana, bob, pair, shared):
    writer, buddy = api_for(ana), api_for(bob)
    url = f"{API}/partnerships/{pair.pk}/check-ins"
    entry = {"goal_id": shared.pk, "moved": "Kick-off booked", "confidence": 4}
    response = writer.post(url, {"entries": [entry]})
    assert response.status_code == 200, response.content
    written = response.json()
    assert written["entries"][0]["moved"] == "Kick-off booked"
    assert written["entries"][0]["goal_statement"] == "Lead the Zanzibar project"
    listed = buddy.get(url).json()
    assert [c["id"] for c in listed["items"]] == [written["id"]]
    answer = f"{API}/buddy-check-ins/{written['id']}/answer"
    assert_422(writer.post(answer, {"reaction": "cheer"}), "__all__")  # not to herself
    assert_422(buddy.post(answer, {"reaction": "wow"}), "reaction")
    response = buddy.post(answer, {"reaction": "cheer", "reply": "Great"})
    assert response.status_code == 200, response.content
    assert response.json()["reaction"] == "cheer"
    assert response.json()["acknowledged_by"]["name"] == "Bob"
    assert_422(buddy.post(answer, {"reaction": "hug"}), "__all__")  # once
    assert api_for(ana).get(f"{API}/buddy-check-ins/{written['id']}").json()["reply"] == "Great"


def test_this_periods_check_in_starts_as_its_page(api_for, ana, pair, shared, make_goal, today):
    make_goal(ana, statement="Private")
    api = api_for(ana)
    url = f"{API}/partnerships/{pair.pk}/check-ins/current"
    response = api.get(url)
    assert response.status_code == 200, response.content
    period = response.json()
    assert period["due_on"] == today.isoformat()  # no agreed rhythm: today
    assert period["rhythm_agreed"] is False and period["written"] is None
    assert [goal["goal_id"] for goal in period["goals"]] == [shared.pk]
    assert period["goals"][0]["next_up"] == "Book the kick-off"
    entry = {"goal_id": shared.pk, "moved": "Kick-off booked", "confidence": 3}
    written = api.post(f"{API}/partnerships/{pair.pk}/check-ins", {"entries": [entry]}).json()
    period = api.get(url).json()
    assert period["written"]["id"] == written["id"]
    assert period["goals"][0]["moved"] == "Kick-off booked"
    assert period["goals"][0]["confidence"] == 3


def test_check_in_errors_name_the_entry(api_for, ana, pair, shared, make_goal):
    api = api_for(ana)
    url = f"{API}/partnerships/{pair.pk}/check-ins"
    entry = {"goal_id": shared.pk, "moved": "x"}
    assert_422(api.post(url, {"entries": [entry | {"confidence": 9}]}), "entries.0.confidence")
    assert_422(api.post(url, {"entries": [entry, entry]}), "entries.1.goal_id")
    assert_422(api.post(url, {"entries": [{"goal_id": shared.pk}]}), "__all__")  # nothing said
    private = make_goal(ana, statement="Private")
    assert_422(api.post(url, {"entries": [{"goal_id": private.pk, "moved": "x"}]}), "__all__")
    assert_422(api.post(url, {"entries": "x"}), "entries")
    assert not BuddyCheckIn.objects.exists()


def test_check_ins_are_404_for_outsiders_and_after_the_end(api_for, ana, bob, pair, shared, others):
    check_in = services.check_in_save(
        partnership=pair, author=ana, entries={shared.pk: {"moved": "x"}}
    )
    body = {"entries": [{"goal_id": shared.pk, "moved": "y"}]}
    for person in outsiders(others):
        api = api_for(person)
        assert api.get(f"{API}/partnerships/{pair.pk}/check-ins").status_code == 404
        assert api.get(f"{API}/partnerships/{pair.pk}/check-ins/current").status_code == 404
        assert api.post(f"{API}/partnerships/{pair.pk}/check-ins", body).status_code == 404
        assert api.get(f"{API}/buddy-check-ins/{check_in.pk}").status_code == 404
        response = api.post(f"{API}/buddy-check-ins/{check_in.pk}/answer", {"reaction": "cheer"})
        assert response.status_code == 404
    services.partnership_end(partnership=pair, by=ana)
    assert api_for(bob).get(f"{API}/buddy-check-ins/{check_in.pk}").status_code == 404
    assert api_for(bob).get(f"{API}/partnerships/{pair.pk}/check-ins").status_code == 404


def test_a_goal_made_private_drops_out_of_the_buddys_check_ins(api_for, ana, bob, pair, shared):
    services.check_in_save(partnership=pair, author=ana, entries={shared.pk: {"moved": "x"}})
    services.goal_set_visibility(goal=shared, visibility="private")
    [listed] = api_for(bob).get(f"{API}/partnerships/{pair.pk}/check-ins").json()["items"]
    assert listed["entries"] == []
    [mine] = api_for(ana).get(f"{API}/partnerships/{pair.pk}/check-ins").json()["items"]
    assert len(mine["entries"]) == 1


def test_check_ins_cost_the_same_with_more_of_them(api_for, ana, bob, pair, shared, make_goal):
    api = api_for(bob)
    url = f"{API}/partnerships/{pair.pk}/check-ins"
    services.check_in_save(partnership=pair, author=ana, entries={shared.pk: {"moved": "x"}})
    one = queries(api, url)
    second = make_goal(ana, statement="Second")
    services.goal_set_visibility(goal=second, visibility="buddies")
    for back in range(1, 5):
        check_in = BuddyCheckIn.objects.create(
            partnership=pair,
            author=ana if back % 2 else bob,
            due_on=datetime.date.today() - datetime.timedelta(days=7 * back),
            written_at=BuddyCheckIn.objects.first().written_at,
        )
        for goal in (shared, second):
            check_in.entries.create(goal=goal, moved=f"Moved {back}")
    # The token, the partnership, the count, the check-ins, their entries Bob may see.
    assert queries(api, url) == one == 5
    assert api.get(url).json()["count"] == 5


# --- Calendar ---------------------------------------------------------------------------


def test_calendar_events_in_a_range(api_for, ana, bob, pair, shared, today):
    step = goal_services.micro_goal_create(
        goal=shared, title="Dated", deadline=today + datetime.timedelta(days=3)
    )
    start, end = today, shared.target_date
    url = f"{API}/calendar/events?start={start.isoformat()}&end={end.isoformat()}"
    mine = {event["id"]: event for event in api_for(ana).get(url).json()["items"]}
    assert mine[f"goal-{shared.pk}"]["kind"] == "my_goal"
    assert mine[f"goal-{shared.pk}"]["day"] == shared.target_date.isoformat()
    assert mine[f"step-{step.pk}"]["kind"] == "my_step"
    theirs = {event["id"]: event for event in api_for(bob).get(url).json()["items"]}
    assert theirs[f"goal-{shared.pk}"]["kind"] == "buddy_goal"
    assert theirs[f"step-{step.pk}"]["kind"] == "buddy_step"
    before = f"{API}/calendar/events?start={start.isoformat()}&end={start.isoformat()}"
    assert f"goal-{shared.pk}" not in {e["id"] for e in api_for(bob).get(before).json()["items"]}


def test_calendar_range_errors(api_for, ana, today):
    api = api_for(ana)

    def ask(start, end):
        return api.get(f"{API}/calendar/events?start={start}&end={end}")

    assert_422(ask("2026-02-30", "2026-03-01"), "start")
    assert_422(ask("soon", "later"), "start", "end")
    assert_422(api.get(f"{API}/calendar/events?start=2026-01-01"), "end")
    assert_422(ask("2026-03-02", "2026-03-01"), "end")
    assert_422(ask("2026-01-01", "2027-01-02"), "end")  # 367 days
    assert ask("2026-01-01", "2027-01-01").status_code == 200  # 366 days
    assert_422(ask("0001-01-01", "0001-01-31"), "start")  # the calendar page's years only
    assert_422(ask("9998-12-01", "9999-01-02"), "end")


def test_calendar_is_only_what_this_person_may_see(api_for, shared, others, today):
    url = f"{API}/calendar/events?start={today.isoformat()}&end={shared.target_date.isoformat()}"
    for person in outsiders(others):
        assert f"goal-{shared.pk}" not in {
            e["id"] for e in api_for(person).get(url).json()["items"]
        }


def test_calendar_costs_the_same_with_more_goals(api_for, ana, make_goal, today):
    api = api_for(ana)
    end = today + datetime.timedelta(days=365)
    url = f"{API}/calendar/events?start={today.isoformat()}&end={end.isoformat()}"
    make_goal(ana)
    one = queries(api, url)
    for n in range(4):
        goal = make_goal(ana, statement=f"Goal {n}")
        goal_services.micro_goal_create(
            goal=goal, title="Step", deadline=today + datetime.timedelta(days=10 + n)
        )
    # The token; the goals, their steps in the range, the review meetings.
    assert queries(api, url) == one == 4
    assert api.get(url).json()["count"] == 9


def test_open_goals_only_count_in_the_buddies_list(api_for, ana, bob, pair, shared):
    goal_services.goal_abandon(goal=shared, reason="Changed plans")
    [row] = api_for(bob).get(f"{API}/buddies").json()["items"]
    assert row["shared_goals"] == 0
    assert Goal.objects.filter(pk=shared.pk, status="abandoned").exists()


def test_a_german_speaker_is_answered_in_german(api_for, make_user):
    bea = make_user(email="bea@example.org", display_name="Bea", language="de")
    response = api_for(bea).get(f"{API}/calendar/events?start=2026-03-02&end=2026-03-01")
    assert_422(response, "end")
    assert response.json()["errors"]["end"] == ["Das Enddatum liegt vor dem Startdatum."]


def test_a_page_number_past_any_list_is_422_not_500(api_for, bob, pair, shared):
    """Its offset would overflow Postgres' bigint."""
    url = f"{API}/partnerships/{pair.pk}/check-ins?page=99999999999999999999"
    assert_422(api_for(bob).get(url), "page")
    assert api_for(bob).get(f"{API}/buddies/{pair.pk}/shared-goals?page=1000000").status_code == 200
