"""A buddy's suggestions: a step, or a new deadline or target; the owner accepts (as it is or
edited) or declines. Through the services: the rules, the goal left alone until accepted,
the credit, the history and who is told."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accountability import services
from accountability.models import Suggestion
from careergoals.notifications.models import Notification, NotificationSettings
from goals.models import GoalChange, MicroGoal
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db

XSS = "<script>alert('hi')</script>"


def suggest_step(goal, author, **fields):
    values = {"title": "Book a 1:1 with your manager", "why": "She picks the next lead."}
    return services.suggestion_step_add(goal=goal, author=author, **(values | fields))


# --- Who may suggest --------------------------------------------------------------------------


def test_a_buddy_who_can_see_the_goal_suggests_a_step_and_the_goal_is_left_alone(
    shared_goal, bob, ana
):
    suggestion = suggest_step(shared_goal, bob, deadline=datetime.date.today())
    assert suggestion.status == Suggestion.Status.PENDING
    assert suggestion.author == bob
    assert not MicroGoal.objects.filter(goal=shared_goal).exists()
    assert list(shared_goal.changes.values_list("field", flat=True)) == ["created"]
    (notification,) = Notification.objects.filter(kind="suggestion")
    assert notification.recipient == ana
    assert notification.subject == "Bob suggests a step for your goal"
    assert notification.url.endswith(f"#suggestion-{suggestion.pk}")


def test_the_owner_does_not_suggest_to_themselves(shared_goal, ana):
    with pytest.raises(ValidationError, match="your own goal"):
        suggest_step(shared_goal, ana)
    assert not Suggestion.objects.exists()


def test_a_stranger_a_buddy_without_the_share_and_an_ex_buddy_may_not_suggest(
    ana, bob, carol, dave, make_goal, partnership
):
    services.partnership_create(a=ana, b=dave)
    goal = make_goal(ana)
    services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob])
    for person in (carol, dave):
        with pytest.raises(PermissionDenied):
            suggest_step(goal, person)
    services.partnership_end(partnership=partnership, by=ana)
    with pytest.raises(PermissionDenied):
        suggest_step(goal, bob)
    assert not Suggestion.objects.exists()


def test_a_closed_goal_takes_no_suggestions(shared_goal, bob):
    from goals import services as goal_services

    goal_services.goal_abandon(goal=shared_goal, reason="Plans changed")
    with pytest.raises(ValidationError, match="closed"):
        suggest_step(shared_goal, bob)


def test_a_suggested_step_needs_a_title_and_a_date_within_bounds(shared_goal, bob):
    with pytest.raises(ValidationError) as error:
        suggest_step(shared_goal, bob, title="   ")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        suggest_step(shared_goal, bob, deadline=datetime.date(1900, 1, 1))
    assert "deadline" in error.value.message_dict
    assert not Suggestion.objects.exists()


def test_a_suggested_change_needs_a_reason_and_something_new(shared_goal, bob):
    new_day = shared_goal.target_date + datetime.timedelta(days=30)
    with pytest.raises(ValidationError) as error:
        services.suggestion_change_add(goal=shared_goal, author=bob, why="", target_date=new_day)
    assert "why" in error.value.message_dict
    with pytest.raises(ValidationError, match="Nothing would change"):
        services.suggestion_change_add(
            goal=shared_goal, author=bob, why="More time", target_date=shared_goal.target_date
        )
    assert not Suggestion.objects.exists()


def test_a_suggested_deadline_keeps_the_goal_forms_bounds(shared_goal, bob):
    from goals import services as goal_services

    goal_services.goal_activate(goal=shared_goal)
    for day, words in [
        (datetime.date.today() - datetime.timedelta(days=1), "from today onwards"),
        (datetime.date.today() + datetime.timedelta(days=3 * 365), "horizon"),
    ]:
        with pytest.raises(ValidationError, match=words) as error:
            services.suggestion_change_add(goal=shared_goal, author=bob, why="x", target_date=day)
        assert "target_date" in error.value.message_dict
    with pytest.raises(ValidationError, match="Use zero or more"):
        services.suggestion_change_add(goal=shared_goal, author=bob, why="x", target=Decimal("-1"))
    assert not Suggestion.objects.exists()


# --- Accepting ------------------------------------------------------------------------------


def test_accepting_a_step_makes_a_real_step_credited_to_the_buddy_and_recorded(
    shared_goal, ana, bob
):
    day = datetime.date.today() + datetime.timedelta(days=14)
    suggestion = suggest_step(shared_goal, bob, deadline=day, helpers="Priya", resources="Notes")
    accepted = services.suggestion_accept(suggestion=suggestion, by=ana, note="Great idea")
    step = accepted.micro_goal
    assert (step.goal, step.title, step.deadline) == (shared_goal, suggestion.title, day)
    assert (step.action_plan, step.helpers, step.resources) == (
        "She picks the next lead.",
        "Priya",
        "Notes",
    )
    assert step.suggested_by == bob
    assert accepted.status == Suggestion.Status.ACCEPTED
    assert accepted.answered_at is not None
    assert accepted.owner_note == "Great idea"
    change = shared_goal.changes.get(field=GoalChange.Field.STEP)
    assert change.new_value == "Book a 1:1 with your manager"
    assert change.note == "Suggested by Bob"
    # The step is reminded like any other: its deadline is in the reminder table.
    from careergoals.notifications.models import ScheduledReminder

    assert ScheduledReminder.objects.filter(item=f"step:{step.pk}").exists()
    (told,) = Notification.objects.filter(kind="suggestion_answered")
    assert told.recipient == bob
    assert told.subject == "Ana took up your suggestion"


def test_the_owner_edits_a_step_before_accepting_it(shared_goal, ana, bob):
    suggestion = suggest_step(shared_goal, bob)
    accepted = services.suggestion_accept(
        suggestion=suggestion, by=ana, title="Book a 1:1 with Maria", action_plan=""
    )
    assert accepted.micro_goal.title == "Book a 1:1 with Maria"
    assert accepted.micro_goal.action_plan == ""
    suggestion.refresh_from_db()
    assert suggestion.title == "Book a 1:1 with your manager"  # what Bob wrote stays


def test_an_edited_step_out_of_bounds_is_refused_and_nothing_changes(shared_goal, ana, bob):
    suggestion = suggest_step(shared_goal, bob)
    with pytest.raises(ValidationError) as error:
        services.suggestion_accept(
            suggestion=suggestion, by=ana, deadline=datetime.date(1900, 1, 1)
        )
    assert "deadline" in error.value.message_dict
    suggestion.refresh_from_db()
    assert suggestion.is_pending
    assert not MicroGoal.objects.exists()


def test_accepting_a_change_goes_through_the_goal_edit_with_its_history(shared_goal, ana, bob):
    new_day = shared_goal.target_date + datetime.timedelta(days=30)
    suggestion = services.suggestion_change_add(
        goal=shared_goal, author=bob, why="The launch moved", target_date=new_day, target=Decimal(3)
    )
    shared_goal.refresh_from_db()
    assert shared_goal.target == Decimal(2)  # not before the owner accepts
    services.suggestion_accept(suggestion=suggestion, by=ana, target=Decimal(4))
    shared_goal.refresh_from_db()
    assert (shared_goal.target_date, shared_goal.target) == (new_day, Decimal(4))
    notes = set(shared_goal.changes.exclude(field="created").values_list("field", "note"))
    assert notes == {
        ("target_date", "Suggested by Bob: The launch moved"),
        ("target", "Suggested by Bob: The launch moved"),
    }


def test_a_change_the_goal_already_made_is_refused_when_accepted(shared_goal, ana, bob):
    from goals import services as goal_services

    new_day = shared_goal.target_date + datetime.timedelta(days=30)
    suggestion = services.suggestion_change_add(
        goal=shared_goal, author=bob, why="More time", target_date=new_day
    )
    goal_services.goal_update(goal=shared_goal, target_date=new_day)  # Ana did it herself
    with pytest.raises(ValidationError, match="Nothing would change"):
        services.suggestion_accept(suggestion=suggestion, by=ana)
    suggestion.refresh_from_db()
    assert suggestion.is_pending  # she may still decline it, with thanks


def test_only_the_owner_answers_and_only_once(shared_goal, ana, bob):
    suggestion = suggest_step(shared_goal, bob)
    with pytest.raises(PermissionDenied):
        services.suggestion_accept(suggestion=suggestion, by=bob)
    with pytest.raises(PermissionDenied):
        services.suggestion_decline(suggestion=suggestion, by=bob)
    services.suggestion_decline(suggestion=suggestion, by=ana, note="Not now")
    with pytest.raises(ValidationError, match="already answered"):
        services.suggestion_accept(suggestion=suggestion, by=ana)
    assert not MicroGoal.objects.exists()


def test_declining_leaves_the_goal_and_tells_the_buddy_with_the_note(shared_goal, ana, bob):
    suggestion = suggest_step(shared_goal, bob)
    declined = services.suggestion_decline(suggestion=suggestion, by=ana, note="Done it already")
    assert declined.status == Suggestion.Status.DECLINED
    assert declined.owner_note == "Done it already"
    assert not MicroGoal.objects.exists()
    assert list(shared_goal.changes.values_list("field", flat=True)) == ["created"]
    (told,) = Notification.objects.filter(kind="suggestion_answered")
    assert told.recipient == bob
    deliver_pending()
    message = next(m for m in mail.outbox if m.to == [bob.email])
    assert "Done it already" in message.body


def test_a_suggestion_made_while_shared_can_still_be_accepted_but_the_ex_buddy_hears_nothing(
    shared_goal, ana, bob, partnership
):
    suggestion = suggest_step(shared_goal, bob)
    services.partnership_end(partnership=partnership, by=ana)
    accepted = services.suggestion_accept(suggestion=suggestion, by=ana)
    assert accepted.micro_goal.suggested_by == bob
    assert not Notification.objects.filter(kind="suggestion_answered").exists()


def test_emails_keep_the_text_as_typed_escape_it_in_html_and_can_be_muted(shared_goal, ana, bob):
    suggestion = suggest_step(shared_goal, bob, title=XSS, why="Line one\nline two")
    deliver_pending()
    (message,) = [m for m in mail.outbox if m.to == [ana.email]]
    assert XSS in message.body
    html = message.alternatives[0][0]
    assert XSS not in html and "&lt;script&gt;" in html
    mail.outbox.clear()
    settings, _ = NotificationSettings.objects.get_or_create(user=bob)
    settings.muted_kinds = ["suggestions"]
    settings.save()
    services.suggestion_decline(suggestion=suggestion, by=ana)
    deliver_pending()
    assert not [m for m in mail.outbox if m.to == [bob.email]]
    assert Notification.objects.filter(kind="suggestion_answered", recipient=bob).exists()
