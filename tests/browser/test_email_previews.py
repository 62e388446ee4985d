"""Staff see every email as a mail client would: the HTML part in a frame, its inline
styles applied (they are refused everywhere else on the site), dark mode honoured."""

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BLUE = "rgb(29, 78, 216)"


def signed_in(browser, live_server, user, scheme):
    client = Client()
    client.force_login(user)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    host = live_server.url.split("//", 1)[1].split(":", 1)[0]
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}])
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_staff_preview_every_email_in_the_admin(browser, live_server, make_user, scheme):
    staff = make_user(email="staff@example.org", is_staff=True, is_superuser=True)
    page = signed_in(browser, live_server, staff, scheme)
    page.goto(live_server.url + "/admin/notifications/notification/")
    page.get_by_role("link", name="Preview every email").click()
    expect(page.get_by_role("heading", name="Email previews")).to_be_visible()

    section = page.locator("#email-comment")
    section.scroll_into_view_if_needed()
    frame = section.frame_locator("iframe")
    button = frame.get_by_role("link", name="Read it and reply")
    expect(button).to_be_visible()
    expect(frame.get_by_role("heading", name="Bob commented on your goal")).to_be_visible()
    # The email's own styles apply inside the frame: a blue button, white words on it.
    cell = frame.locator(".cg-button")
    expect(cell).to_have_css("background-color", BLUE if scheme == "light" else "rgb(37, 99, 235)")
    expect(button).to_have_css("color", "rgb(255, 255, 255)")
    card = frame.locator(".cg-card")
    expect(card).to_have_css(
        "background-color", "rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 41, 59)"
    )
    expect(frame.get_by_role("link", name="Stop emails like this one")).to_be_visible()
    # The text part sits under it, as sent.
    expect(section.locator("pre")).to_contain_text("Read it and reply:\nhttp")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
    page.context.close()


def test_a_long_preview_ends_in_an_ellipsis_on_a_phone(browser, live_server, ana):
    from careergoals.notifications.services import notify

    notify(
        kind="test",
        recipient=ana,
        subject="Bob commented on your goal",
        template="comment",
        context={
            "author": {"name": "Bob"},
            "goal": {"statement": "Lead two client projects end to end"},
            "comment": {"text": "A rather long comment " * 20},
        },
    )
    page = signed_in(browser, live_server, ana, "light")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/notifications/")
    preview = page.locator(".notification-preview")
    expect(preview).to_contain_text("Bob commented on your goal: Lead two client projects")
    expect(preview).to_have_css("text-overflow", "ellipsis")
    expect(preview).to_have_css("white-space", "nowrap")
    box = preview.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    page.context.close()
