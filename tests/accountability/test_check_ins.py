"""Check-ins with a buddy: the day in the rules, the prompt, writing one, the buddy's answer
and the one nudge. Through the services, the sweep and the test client."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accountability import services
from accountability.models import BuddyCheckIn, BuddyCheckInEntry
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.preferences import kind_mute
from careergoals.notifications.sweep import sweep_reminders
from goals import services as goal_services
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
TUESDAY = 1
RULES = {
    "working_toward": "Ana: two client projects by June.",
    "support": "Read each other's updates.",
    "cadence": "weekly",
    "check_in_day": TUESDAY,
}


def travel(moment):
    return time_machine.travel(moment, tick=False)


def at(day: str, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour, minute), tzinfo=UTC
    )


def agree(partnership, ana, bob, **changes):
    agreement = services.agreement_save(partnership=partnership, by=ana, **(RULES | changes))
    services.agreement_confirm(agreement=agreement, by=bob, version=agreement.version)
    return agreement


def prompts():
    return ScheduledReminder.objects.filter(kind="check_in_prompt", status="pending")


def write_url(partnership):
    return reverse("buddies:check_in_write", args=[partnership.pk])


def entry_data(goal, **values) -> dict:
    fields = {"moved": "", "next_up": "", "in_the_way": "", "confidence": ""} | values
    return {f"goal-{goal.pk}-{name}": value for name, value in fields.items()}


# The rhythm in the rules ----------------------------------------------------------------------


def test_prompts_wait_for_both_then_come_at_each_ones_hour_and_zone(ana, bob, partnership):
    bob.timezone = "Asia/Tokyo"
    bob.save()
    with travel(at("2027-03-01")):  # a Monday
        agreement = services.agreement_save(partnership=partnership, by=ana, **RULES)
        assert not prompts().exists()  # Bob hasn't confirmed yet
        services.agreement_confirm(agreement=agreement, by=bob, version=1)
    planned = set(prompts().values_list("recipient__email", "occurrence", "due_at"))
    assert planned == {
        ("ana@example.org", "2027-03-02", at("2027-03-02", 8)),  # 08:00 in UTC
        ("bob@example.org", "2027-03-02", at("2027-03-01", 23)),  # 08:00 in Tokyo
    }


def test_a_new_version_stops_prompts_until_confirmed_then_follows_the_new_day(
    ana, bob, partnership
):
    with travel(at("2027-03-01")):
        agree(partnership, ana, bob)
        agreement = services.agreement_save(
            partnership=partnership, by=bob, **(RULES | {"check_in_day": 3})
        )
        assert not prompts().exists()
        services.agreement_confirm(agreement=agreement, by=ana, version=2)
    assert set(prompts().values_list("occurrence", flat=True)) == {"2027-03-04"}  # Thursday


def test_a_new_hour_or_time_zone_moves_the_prompt(client, ana, bob, partnership):
    with travel(at("2027-03-01")):
        agree(partnership, ana, bob)
        client.force_login(ana)
        client.post(reverse("users:profile"), {"display_name": "Ana", "timezone": "Asia/Tokyo"})
    mine = prompts().get(recipient=ana)
    assert (mine.occurrence, mine.due_at) == ("2027-03-02", at("2027-03-01", 23))  # 08:00 Tokyo
    assert prompts().get(recipient=bob).due_at == at("2027-03-02", 8)  # his stays


def test_the_rules_form_takes_the_day_and_refuses_a_day_that_isnt_one(client, ana, partnership):
    client.force_login(ana)
    url = reverse("buddies:rules_edit", args=[partnership.pk])
    response = client.post(url, RULES | {"check_in_day": "9"})
    assert response.status_code == 200
    assert "Choose a day from Monday to Sunday." in response.content.decode()
    assert "Ana: two client projects by June." in response.content.decode()
    response = client.post(url, RULES | {"check_in_day": "3"})
    assert response.status_code == 302
    assert partnership.agreement.check_in_day == 3


def test_the_prompt_arrives_in_app_and_by_email_then_the_next_one_is_planned(
    ana, bob, partnership, shared_goal
):
    with travel(at("2027-03-01")):
        agree(partnership, ana, bob)
    with travel(at("2027-03-02", 7, 59)):
        assert sweep_reminders() == 0
    with travel(at("2027-03-02", 8)):
        assert sweep_reminders() == 1  # Ana shares a goal with Bob; Bob shares none: no prompt
    prompt = Notification.objects.get(kind="check_in_prompt")
    assert prompt.recipient == ana and prompt.subject == "Time for your check-in with Bob"
    assert prompt.url == write_url(partnership)
    deliver_pending()
    assert [m.to for m in mail.outbox if "check-in" in m.subject] == [["ana@example.org"]]
    assert set(prompts().values_list("recipient__email", "occurrence")) == {
        ("ana@example.org", "2027-03-09"),
        ("bob@example.org", "2027-03-09"),
    }


def test_no_prompt_once_written_and_no_email_when_muted(client, ana, bob, partnership, shared_goal):
    with travel(at("2027-03-01")):
        agree(partnership, ana, bob)
    kind_mute(user=ana, kind="check_ins")
    with travel(at("2027-03-02", 8)):
        sweep_reminders()
    prompt = Notification.objects.get(kind="check_in_prompt")
    assert prompt.email_status != Notification.EmailStatus.PENDING  # in the app only
    with travel(at("2027-03-09", 7)):
        client.force_login(ana)
        client.post(write_url(partnership), entry_data(shared_goal, moved="Kick-off booked"))
    with travel(at("2027-03-09", 8)):
        sweep_reminders()
    assert Notification.objects.filter(kind="check_in_prompt").count() == 1  # not again


# Writing one --------------------------------------------------------------------------------


def test_the_page_is_prefilled_with_steps_ticked_since_the_last_check_in(
    client, ana, bob, partnership, shared_goal, today
):
    done = goal_services.micro_goal_create(goal=shared_goal, title="Book the kick-off")
    goal_services.micro_goal_set_status(micro_goal=done, status="done")
    goal_services.micro_goal_create(goal=shared_goal, title="Write the project plan")
    client.force_login(ana)
    response = client.get(write_url(partnership))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Done: Book the kick-off" in html
    assert "Write the project plan" in html  # what's next
    assert f'for="id_goal-{shared_goal.pk}-moved"' in html  # every box has its label


def test_writing_tells_the_buddy_and_plans_one_nudge(client, ana, bob, partnership, shared_goal):
    client.force_login(ana)
    data = entry_data(
        shared_goal, moved="Booked the kick-off", in_the_way="<b>Budget</b>", confidence="4"
    )
    response = client.post(write_url(partnership), data)
    check_in = BuddyCheckIn.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("buddies:check_in_detail", args=[check_in.pk])
    entry = BuddyCheckInEntry.objects.get()
    assert (entry.goal, entry.moved, entry.confidence) == (shared_goal, "Booked the kick-off", 4)
    told = Notification.objects.get(kind="check_in_written")
    assert told.recipient == bob and told.subject == "Ana wrote their check-in with you"
    nudge = ScheduledReminder.objects.get(kind="check_in_nudge")
    assert nudge.recipient == bob
    assert nudge.due_at == check_in.written_at + datetime.timedelta(days=2)
    client.force_login(bob)
    html = client.get(told.url).content.decode()
    assert "&lt;b&gt;Budget&lt;/b&gt;" in html and "<b>Budget" not in html


@pytest.mark.parametrize(
    "values, message",
    [
        ({"moved": "Booked", "confidence": "7"}, "Pick a confidence from 1 to 5."),
        ({}, "Write at least one line about one goal"),
        ({"moved": "x" * 2001}, "up to 2,000 characters"),
    ],
)
def test_bad_input_is_refused_in_words_and_nothing_is_lost(
    client, ana, partnership, shared_goal, values, message
):
    client.force_login(ana)
    data = entry_data(shared_goal, next_up="Call the client on Friday", **values)
    if not values:
        data = entry_data(shared_goal)
    response = client.post(write_url(partnership), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.replace("&#x27;", "'").replace("’", "’")
    if values:
        assert "Call the client on Friday" in html
    assert not BuddyCheckIn.objects.exists()


def test_a_goal_no_longer_shared_is_refused(ana, bob, partnership, shared_goal, make_goal):
    private = make_goal(ana, statement="A private goal")
    with pytest.raises(ValidationError, match="can’t see one of those goals"):
        services.check_in_save(
            partnership=partnership, author=ana, entries={private.pk: {"moved": "Secret"}}
        )
    assert not BuddyCheckIn.objects.exists()


def test_rewriting_before_an_answer_replaces_it(client, ana, bob, partnership, shared_goal):
    client.force_login(ana)
    client.post(write_url(partnership), entry_data(shared_goal, moved="First words"))
    client.post(write_url(partnership), entry_data(shared_goal, moved="Better words"))
    assert BuddyCheckIn.objects.count() == 1
    assert list(BuddyCheckInEntry.objects.values_list("moved", flat=True)) == ["Better words"]
    assert Notification.objects.filter(kind="check_in_written").count() == 1


# The buddy's answer ----------------------------------------------------------------------------


@pytest.fixture
def written(ana, partnership, shared_goal):
    with travel(at("2027-03-02", 9)):  # a Tuesday
        return services.check_in_save(
            partnership=partnership,
            author=ana,
            entries={shared_goal.pk: {"moved": "Booked the kick-off", "confidence": 4}},
        )


def answer_url(check_in):
    return reverse("buddies:check_in_acknowledge", args=[check_in.pk])


def test_the_buddy_answers_and_the_owner_sees_it(client, ana, bob, written):
    with travel(at("2027-03-03", 10)):  # a Wednesday
        client.force_login(bob)
        response = client.post(
            answer_url(written), {"reaction": "strong", "reply": "Great move. Call me Friday?"}
        )
    assert response.status_code == 302
    told = Notification.objects.get(kind="check_in_acknowledged")
    assert told.recipient == ana and told.subject == "Bob read your check-in"
    deliver_pending()
    email = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert "Great move. Call me Friday?" in email.body
    client.force_login(ana)
    html = client.get(told.url).content.decode()
    assert "Seen by Bob on Wednesday" in html
    assert "Great move. Call me Friday?" in html
    assert "Keep going" in html
    assert not ScheduledReminder.objects.filter(kind="check_in_nudge", status="pending").exists()


def test_the_answer_needs_a_reaction_and_keeps_the_reply(client, bob, written):
    client.force_login(bob)
    response = client.post(answer_url(written), {"reply": "Lovely news"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pick a reaction, so they know you read it." in html
    assert "Lovely news" in html
    written.refresh_from_db()
    assert not written.is_acknowledged


def test_the_owner_cant_answer_their_own_and_no_one_answers_twice(client, ana, bob, written):
    client.force_login(ana)
    response = client.post(answer_url(written), {"reaction": "cheer"})
    assert response.status_code == 200
    assert "Only the buddy it was written to can answer a check-in." in response.content.decode()
    client.force_login(bob)
    client.post(answer_url(written), {"reaction": "cheer"})
    response = client.post(answer_url(written), {"reaction": "hug", "reply": "Again"})
    assert "You already answered this check-in." in response.content.decode()
    written.refresh_from_db()
    assert written.reaction == "cheer"


def test_an_unanswered_check_in_nudges_the_buddy_once(ana, bob, written):
    with travel(at("2027-03-04", 8, 59)):
        assert sweep_reminders() == 0
    with travel(at("2027-03-04", 9)):
        assert sweep_reminders() == 1
    nudge = Notification.objects.get(kind="check_in_nudge")
    assert nudge.recipient == bob
    assert nudge.subject == "Ana is waiting to hear back on their check-in"
    for day in ("2027-03-05", "2027-03-08", "2027-03-20"):
        with travel(at(day, 9)):
            sweep_reminders()
    assert Notification.objects.filter(kind="check_in_nudge").count() == 1


def test_an_answered_check_in_is_not_nudged(ana, bob, written):
    with travel(at("2027-03-03", 9)):
        services.check_in_acknowledge(check_in=written, by=bob, reaction="cheer")
    with travel(at("2027-03-04", 9, 5)):
        sweep_reminders()
    assert not Notification.objects.filter(kind="check_in_nudge").exists()


def test_strangers_and_ex_buddies_get_404(client, ana, bob, carol, partnership, written):
    urls = [write_url(partnership), reverse("buddies:check_in_detail", args=[written.pk])]
    client.force_login(carol)
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(answer_url(written), {"reaction": "cheer"}).status_code == 404
    services.partnership_end(partnership=partnership, by=ana)
    client.force_login(bob)
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(answer_url(written), {"reaction": "cheer"}).status_code == 404
    written.refresh_from_db()
    assert not written.is_acknowledged


# A missed check-in while a deadline is close ----------------------------------------------


@pytest.fixture
def pitch(ana, make_goal):
    """Ana's goal due on Friday 12 March 2027, with heads-ups to her buddies on."""
    with travel(at("2027-03-01")):
        goal = make_goal(
            ana, statement="Ship the Atlas pitch", target_date=datetime.date(2027, 3, 12)
        )
        return services.goal_set_visibility(goal=goal, visibility="buddies", buddy_reminders=True)


def test_a_missed_check_in_with_a_deadline_close_tells_the_buddy(ana, bob, partnership, pitch):
    with travel(at("2027-03-01")):
        agree(partnership, ana, bob)
    with travel(at("2027-03-04", 7, 59)):
        sweep_reminders()
        assert not Notification.objects.filter(kind="check_in_missed").exists()
    with travel(at("2027-03-04", 8)):
        sweep_reminders()
    (told,) = Notification.objects.filter(kind="check_in_missed")
    assert told.recipient == bob
    assert told.subject == "Ana missed a check-in, with a deadline close"
    assert told.url == reverse("buddies:partnership_detail", args=[partnership.pk])
    deliver_pending()
    email = next(m for m in mail.outbox if "missed a check-in" in m.subject)
    assert "Ship the Atlas pitch: Friday 12 March" in email.body


def test_no_word_once_written_or_without_the_heads_up(client, ana, bob, partnership, pitch):
    with travel(at("2027-03-01")):
        agree(partnership, ana, bob)
    with travel(at("2027-03-03", 9)):  # written a day late: still this week's
        services.check_in_save(
            partnership=partnership, author=ana, entries={pitch.pk: {"moved": "Draft"}}
        )
    with travel(at("2027-03-09", 9)):
        services.goal_set_visibility(goal=pitch, visibility="buddies", buddy_reminders=False)
    for day in ("2027-03-04", "2027-03-11"):
        with travel(at(day, 9)):
            sweep_reminders()
    assert not Notification.objects.filter(kind="check_in_missed").exists()
    skipped = ScheduledReminder.objects.filter(kind="check_in_missed", recipient=bob)
    assert set(skipped.values_list("occurrence", "status")) >= {
        (f"missed:{ana.pk}:2027-03-02", "skipped"),
        (f"missed:{ana.pk}:2027-03-09", "skipped"),
    }


# Which days are check-in days -----------------------------------------------------------------


def test_weekly_fortnightly_and_monthly_days():
    from accountability.models.check_in import agreed_day_on_or_after, agreed_day_on_or_before

    tuesdays = [datetime.date(2027, 3, 2) + datetime.timedelta(weeks=n) for n in range(6)]

    def after(cadence, day):
        return agreed_day_on_or_after(cadence=cadence, weekday=TUESDAY, day=day)

    assert [after("weekly", d) for d in tuesdays] == tuesdays
    fortnights = {after("fortnightly", d) for d in tuesdays}
    assert len(fortnights) == 3 and all(
        (b - a).days % 14 == 0 for a in fortnights for b in fortnights if b > a
    )
    # Every month: the first Tuesday of the month.
    assert after("monthly", datetime.date(2027, 3, 3)) == datetime.date(2027, 4, 6)
    assert agreed_day_on_or_before(
        cadence="monthly", weekday=TUESDAY, day=datetime.date(2027, 3, 31)
    ) == datetime.date(2027, 3, 2)


def test_a_change_sent_after_the_answer_is_refused_and_kept(
    client, ana, bob, partnership, shared_goal
):
    client.force_login(ana)
    client.post(write_url(partnership), entry_data(shared_goal, moved="First words"))
    services.check_in_acknowledge(check_in=BuddyCheckIn.objects.get(), by=bob, reaction="cheer")
    response = client.post(write_url(partnership), entry_data(shared_goal, moved="Second thoughts"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bob already answered this check-in, so it stays as it was." in html
    assert "Second thoughts" in html
    assert list(BuddyCheckInEntry.objects.values_list("moved", flat=True)) == ["First words"]
    assert "already answered this check-in" in client.get(write_url(partnership)).content.decode()
