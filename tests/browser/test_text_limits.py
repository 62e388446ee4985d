"""Typing past a limit is never cut short: the server says so and keeps every character."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from goals.models import Goal

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_past_the_limit_keeps_every_character(page, live_server, make_user):
    make_user(email="dana@example.org", display_name="Dana", welcomed_at=timezone.now())
    sign_in(page, live_server, "dana@example.org")
    page.goto(live_server.url + "/goals/new/")
    limit = Goal._meta.get_field("statement").max_length
    text = ("Lead the migration of our billing system to the new platform. " * 5)[:limit]
    text += " and more"
    statement = page.get_by_label("Your goal")
    statement.press_sequentially(text)
    expect(statement).to_have_value(text)  # a maxlength attribute would have stopped at 300
    expect(page.get_by_text("9 characters over the limit of 300")).to_be_visible()

    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text(f"up to {limit} characters")).to_be_visible()
    expect(page.get_by_label("Your goal")).to_have_value(text)
    assert not Goal.objects.exists()
