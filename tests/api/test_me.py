"""``/me`` and ``/me/notification-settings``: a person's own account, through the API."""

import pytest

from careergoals.notifications.models import NotificationSettings, ScheduledReminder
from careergoals.notifications.preferences import choices_of

ME = "/api/v1/me"
SETTINGS = "/api/v1/me/notification-settings"


def test_the_profile(api_client, ana):
    body = api_client.get(ME).json()
    assert body == {
        "id": ana.pk,
        "email": "ana@example.org",
        "name": "Ana",
        "display_name": "Ana",
        "timezone": "UTC",
        "language": "",
        "theme": "system",
    }


def test_only_the_fields_given_change(api_client, ana):
    response = api_client.patch(ME, {"timezone": "Europe/Berlin"})
    assert response.status_code == 200
    ana.refresh_from_db()
    assert (ana.timezone, ana.display_name, ana.language) == ("Europe/Berlin", "Ana", "")


def test_language_and_theme(api_client, ana):
    response = api_client.patch(ME, {"language": "de", "theme": "dark"})
    assert response.status_code == 200
    assert (response.json()["language"], response.json()["theme"]) == ("de", "dark")
    ana.refresh_from_db()
    assert (ana.language, ana.theme) == ("de", "dark")


def test_the_email_address_is_read_only(api_client, ana):
    api_client.patch(ME, {"email": "mallory@example.org"})
    ana.refresh_from_db()
    assert ana.email == "ana@example.org"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"timezone": "Nowhere/Special"}, "timezone"),
        ({"language": "fr"}, "language"),
        ({"theme": "sepia"}, "theme"),
        ({"display_name": "n" * 81}, "display_name"),
    ],
)
def test_what_the_profile_page_refuses_is_a_422(api_client, ana, change, field):
    response = api_client.patch(ME, change)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    ana.refresh_from_db()
    assert (ana.timezone, ana.language, ana.theme) == ("UTC", "", "system")


def test_errors_are_in_the_persons_language(api_for, make_user):
    bea = make_user(email="bea@example.org", language="de")
    response = api_for(bea).patch(ME, {"timezone": "Nowhere/Special"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Einige Felder brauchen deine Aufmerksamkeit."


def test_moving_time_zone_replans_reminders(api_client, ana, make_goal):
    make_goal(ana)
    before = set(ScheduledReminder.objects.filter(recipient=ana).values_list("due_at", flat=True))
    api_client.patch(ME, {"timezone": "Pacific/Auckland"})
    after = set(ScheduledReminder.objects.filter(recipient=ana).values_list("due_at", flat=True))
    assert before and after and before != after


def test_notification_settings_read_and_written(api_client, ana):
    body = api_client.get(SETTINGS).json()
    assert set(body) == {"emails", "lead_days", "morning_hour", "weekly_digest"}
    assert "deadline" in body["emails"]

    wanted = {"emails": ["deadline"], "lead_days": [7, 1], "morning_hour": 6, "weekly_digest": True}
    response = api_client.put(SETTINGS, wanted)
    assert response.status_code == 200, response.content
    assert response.json() == wanted
    choices = choices_of([ana.pk])[ana.pk]
    assert choices.morning_hour == 6 and choices.weekly_digest
    assert not choices.wants("partnership")
    assert NotificationSettings.objects.get(user=ana).next_digest_at is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lead_days": []}, "lead_days"),
        ({"lead_days": [5]}, "lead_days"),
        ({"emails": ["spam"]}, "emails"),
        ({"morning_hour": 24}, "morning_hour"),
    ],
)
def test_notification_settings_the_page_refuses(api_client, ana, change, field):
    valid = {"emails": ["deadline"], "lead_days": [7], "morning_hour": 8, "weekly_digest": False}
    response = api_client.put(SETTINGS, valid | change)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
