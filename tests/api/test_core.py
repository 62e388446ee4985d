"""What every route of the API shares: who may ask, error bodies, rate limits, ETags."""

import pytest
from django.test import Client
from django.urls import reverse

from careergoals.notifications.models import Notification

ME = "/api/v1/me"


def test_a_token_reads_its_persons_profile(api_client, ana):
    response = api_client.get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == ana.email
    assert response.json()["name"] == "Ana"


def test_no_token_and_no_session_is_401_with_the_error_body(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert set(response.json()) == {"detail", "errors"}
    assert response.json()["errors"] == {}


@pytest.mark.parametrize("key", ["nonsense", "cg_" + "x" * 43, ""])
def test_a_wrong_token_is_401(client, ana, key):
    response = client.get(ME, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_a_wrong_token_is_401_even_with_a_session(client, ana):
    """Asking to be someone with a bad key does not fall back to the cookie."""
    client.force_login(ana)
    assert client.get(ME, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_a_read_token_reads_but_may_not_write(api_for, ana):
    api = api_for(ana, scope="read")
    assert api.get(ME).status_code == 200
    response = api.patch(ME, {"display_name": "Changed"})
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    ana.refresh_from_db()
    assert ana.display_name == "Ana"


def test_a_write_token_writes_without_csrf(api_client, ana):
    """A token is no cookie: no CSRF token needed (the client enforces CSRF checks)."""
    response = api_client.patch(ME, {"display_name": "Ana Lima"})
    assert response.status_code == 200, response.content
    ana.refresh_from_db()
    assert ana.display_name == "Ana Lima"


def test_a_session_reads_without_csrf_but_writes_only_with_it(ana):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ana)
    assert browser.get(ME).status_code == 200

    body = '{"display_name": "Via session"}'
    refused = browser.patch(ME, body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    page = browser.get(reverse("users:profile"))  # sets the csrftoken cookie, as the site does
    token = str(page.context["csrf_token"])
    allowed = browser.patch(ME, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 200, allowed.content
    ana.refresh_from_db()
    assert ana.display_name == "Via session"


def test_an_inactive_persons_token_stops_working(api_client, ana):
    ana.is_active = False
    ana.save(update_fields=["is_active"])
    assert api_client.get(ME).status_code == 401


def test_input_that_does_not_parse_is_422_with_field_errors(api_client):
    response = api_client.patch(ME, {"display_name": "x" * 81, "theme": "purple"})
    assert response.status_code == 422
    body = response.json()
    assert set(body["errors"]) == {"display_name", "theme"}
    assert body["detail"]


def test_a_body_that_is_no_json_is_an_error_body(api_client):
    response = api_client.generic(
        "PUT", "/api/v1/me/notification-settings", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_a_forms_errors_are_422_with_field_errors(api_client):
    response = api_client.patch(ME, {"timezone": "Mars/Olympus_Mons"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["timezone"]
    assert response.json()["detail"] == "Some fields need attention."


def test_a_query_parameter_error_names_the_parameter(api_client):
    response = api_client.get("/api/v1/notifications?unread=perhaps")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["unread"]


def test_an_unknown_path_is_404_with_the_error_body(api_client, client):
    response = api_client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}
    # Anywhere else a 404 is still the page people read.
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_get_answers_carry_an_etag_and_a_match_is_304(api_client, ana):
    first = api_client.get(ME)
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    assert "Authorization" in first["Vary"] and "Cookie" in first["Vary"]

    again = api_client.get(ME, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    api_client.patch(ME, {"display_name": "Someone else"})
    changed = api_client.get(ME, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_writes_carry_no_etag(api_client):
    response = api_client.patch(ME, {"display_name": "New"})
    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_too_many_requests_is_429_with_retry_after(api_client, api_for, ana, settings):
    settings.API_RATE_LIMITS = {"read": "3/min", "write": "2/min"}
    for _ in range(3):
        assert api_client.get(ME).status_code == 200
    refused = api_client.get(ME)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert set(refused.json()) == {"detail", "errors"}
    # Writes count apart from reads; another token of the same person counts apart too.
    assert api_client.patch(ME, {"display_name": "A"}).status_code == 200
    assert api_for(ana).get(ME).status_code == 200


def test_a_session_is_limited_per_person(ana, settings):
    settings.API_RATE_LIMITS = {"read": "2/min", "write": "2/min"}
    browser = Client()
    browser.force_login(ana)
    assert [browser.get(ME).status_code for _ in range(3)] == [200, 200, 429]


def test_notification_of_another_person_is_not_marked(api_client, ana, make_user):
    bob = make_user(email="bob@example.org")
    theirs = Notification.objects.create(
        recipient=bob, to_email=bob.email, kind="x", subject="s", body_text="b"
    )
    response = api_client.post("/api/v1/notifications/read", {"ids": [theirs.pk]})
    assert response.status_code == 200
    assert response.json() == {"marked": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_method_the_path_lacks_is_405_with_the_error_body(api_client):
    response = api_client.delete(ME)
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "PATCH"}
    assert set(response.json()) == {"detail", "errors"}


def test_input_errors_are_said_in_the_persons_language(api_client, api_for, make_user):
    too_long = {"display_name": "x" * 81, "theme": "purple"}
    errors = api_client.patch(ME, too_long).json()["errors"]
    assert errors["display_name"] == ["Use at most 80 characters."]
    assert errors["theme"][0].startswith("Choose one of: 'light'")
    bea = make_user(email="bea@example.org", language="de")
    errors = api_for(bea).patch(ME, too_long).json()["errors"]
    assert errors["display_name"] == ["Verwende höchstens 80 Zeichen."]


def test_a_missing_field_is_required(api_client):
    response = api_client.put("/api/v1/me/notification-settings", {"emails": []})
    assert response.status_code == 422
    assert response.json()["errors"]["morning_hour"] == ["This field is required."]
