"""Light, dark or the device's choice: remembered, and rendered by the server."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_a_new_person_follows_their_device(client, ana):
    assert ana.theme == "system"
    client.force_login(ana)
    tag = html_tag(client.get(reverse("goals:journal")))
    # static/js/theme.js picks light or dark from the device; the server fixes nothing.
    assert "data-theme-choice" not in tag


@pytest.mark.parametrize("choice", ["dark", "light"])
def test_the_choice_is_remembered_and_rendered_without_a_flash(client, ana, choice):
    client.force_login(ana)
    response = client.post(reverse("users:theme_set"), {"theme": choice, "next": "/journal/"})
    assert response.status_code == 302
    assert response.url == "/journal/"
    ana.refresh_from_db()
    assert ana.theme == choice
    tag = html_tag(client.get(reverse("goals:journal")))
    assert f'data-bs-theme="{choice}"' in tag
    assert f'data-theme-choice="{choice}"' in tag


def test_back_to_the_device(client, ana):
    client.force_login(ana)
    client.post(reverse("users:theme_set"), {"theme": "dark"})
    response = client.post(reverse("users:theme_set"), {"theme": "system"})
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.theme == "system"
    assert "data-theme-choice" not in html_tag(client.get(reverse("goals:journal")))


def test_an_unknown_choice_changes_nothing_and_says_so(client, ana):
    client.force_login(ana)
    response = client.post(reverse("users:theme_set"), {"theme": "neon"}, follow=True)
    assert response.status_code == 200
    assert "Choose light, dark or the same as your device." in response.content.decode()
    ana.refresh_from_db()
    assert ana.theme == "system"


def test_it_never_sends_you_to_another_site(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("users:theme_set"), {"theme": "dark", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == reverse("users:profile")


def test_the_nav_menu_and_the_profile_offer_the_three_choices(client, ana):
    client.force_login(ana)
    client.post(reverse("users:theme_set"), {"theme": "dark"})
    html = client.get(reverse("goals:journal")).content.decode()
    action = f'action="{reverse("users:theme_set")}"'
    assert action in html
    for label in ("Light", "Dark", "Same as my device"):
        assert re.search(rf"<button[^>]*name=\"theme\"[^>]*>[^<]*(<[^>]*>[^<]*)*{label}", html)
    assert re.search(r'value="dark"[^>]*aria-pressed="true"', html)
    profile = client.get(reverse("users:profile")).content.decode()
    assert action in profile
    assert re.search(r'<input[^>]*value="dark"[^>]*checked', profile)


def test_signed_out_visitors_follow_their_device(client):
    tag = html_tag(client.get(reverse("landing")))
    assert "data-theme-choice" not in tag


@pytest.mark.parametrize("back", ["journal", "/home/\r\nSet-Cookie: x=1", "//evil.example/"])
def test_a_strange_way_back_lands_on_the_profile(client, ana, back):
    client.force_login(ana)
    response = client.post(reverse("users:theme_set"), {"theme": "dark", "next": back})
    assert response.status_code == 302
    assert response.url == reverse("users:profile")
