"""Check-ins with a buddy, end to end in two browsers: Bob and Ana agree a weekly check-in in
their rules, the prompt arrives, Ana writes her check-in by keyboard, Bob answers with a
reaction and a reply, and Ana sees it. Then the new pages pass axe in light and dark mode
and fit a phone."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from accountability import services as buddy_services
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.sweep import sweep_reminders
from goals import services as goal_services
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import Keyboard, axe_problems
from tests.conftest import links_in, path_of
from tests.mail import deliver_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def browser_of(browser, live_server, email, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    sign_in(page, live_server, email)
    return page


def email_to(address: str, subject: str):
    deliver_pending()
    return next(m for m in reversed(mail.outbox) if m.to == [address] and subject in m.subject)


def link_in(message, part: str) -> str:
    return path_of(next(link for link in links_in(message) if part in link))


@pytest.fixture
def pair(make_user, make_goal, today):
    now = timezone.now()
    ana = make_user(email="ana@example.org", display_name="Ana", welcomed_at=now)
    bob = make_user(email="bob@example.org", display_name="Bob", welcomed_at=now)
    partnership = buddy_services.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead two client projects end to end")
    buddy_services.goal_set_visibility(goal=goal, visibility="buddies")
    step = goal_services.micro_goal_create(goal=goal, title="Book the Atlas kick-off")
    goal_services.micro_goal_set_status(micro_goal=step, status="done")
    goal_services.micro_goal_create(goal=goal, title="Write the project plan")
    return {"ana": ana, "bob": bob, "partnership": partnership, "goal": goal}


def test_agree_prompt_write_answer_and_see_it(browser, live_server, pair):
    url = f"{live_server.url}/buddies/{pair['partnership'].pk}/"
    day = WEEKDAYS[(datetime.datetime.now(datetime.UTC).weekday() + 1) % 7]  # tomorrow

    # Bob writes the rules: every week, on that day. Ana agrees to them.
    bob = browser_of(browser, live_server, "bob@example.org")
    bob.goto(url + "rules/")
    bob.get_by_label("What each of us is working toward, and by when").fill(
        "Ana: two client projects by June. Bob: the AWS exam."
    )
    bob.get_by_label("How we will support each other").fill("A check-in every week.")
    bob.get_by_label("Every week").check()
    bob.get_by_label("On which day").select_option(label=day)
    bob.get_by_role("button", name="Save the rules").click()
    bob.wait_for_url(url)
    assert bob.get_by_text(f"Every week, on {day}").first.is_visible()
    ana = browser_of(browser, live_server, "ana@example.org")
    ana.goto(url)
    ana.get_by_role("button", name="I agree to version 1").click()
    ana.get_by_text("Both confirmed").wait_for()

    # On the agreed day, at her hour, the prompt arrives: in the app and by email.
    prompt = ScheduledReminder.objects.get(recipient=pair["ana"], kind="check_in_prompt")
    assert prompt.due_at.astimezone(datetime.UTC).hour == 8
    sweep_reminders(now=prompt.due_at)
    assert Notification.objects.filter(recipient=pair["ana"], kind="check_in_prompt").exists()
    message = email_to("ana@example.org", "Time for your check-in with Bob")

    # Ana follows the link and writes her check-in with the keyboard only.
    ana.goto(live_server.url + link_in(message, "/check-in/"))
    ana.get_by_role("heading", name="Check-in with Bob").wait_for()
    moved = ana.get_by_label("What moved")
    assert moved.input_value() == "Done: Book the Atlas kick-off"  # ticked since last time
    assert ana.get_by_label("What’s next").input_value() == "Write the project plan"
    keys = Keyboard(ana)
    keys.tab_to(ana.get_by_label("What’s in the way"))
    keys.type("The client moved the <b>budget</b> meeting.")
    keys.tab_to(ana.get_by_label("1 · not at all"))  # a radio group is one stop: arrows move
    for _ in range(3):
        keys.press("ArrowRight")
    assert ana.get_by_label("4", exact=True).is_checked()
    keys.tab_to(ana.get_by_role("button", name="Send to Bob"))
    keys.press("Enter")
    ana.wait_for_url(re.compile(r"/check-ins/\d+/$"))
    assert ana.get_by_text("Bob hasn’t answered yet.").is_visible()

    # Bob is told; he answers with a reaction and a reply.
    told = email_to("bob@example.org", "Ana wrote their check-in with you")
    bob.goto(live_server.url + link_in(told, "/check-ins/"))
    assert bob.get_by_text("The client moved the <b>budget</b> meeting.").is_visible()
    assert bob.get_by_text("4 of 5").is_visible()
    bob.get_by_text("Keep going", exact=True).click()
    bob.get_by_label("A reply (optional)").fill("Ask them for a date this week; call me if not.")
    bob.get_by_role("button", name="Send my answer").click()
    bob.get_by_text("Seen by you on").wait_for()

    # Ana sees who saw it, when, and the reply; in the app and by email.
    weekday = WEEKDAYS[datetime.datetime.now(datetime.UTC).weekday()]  # they live in UTC
    answered = email_to("ana@example.org", "Bob read your check-in")
    assert "Ask them for a date this week" in answered.body
    ana.goto(live_server.url + link_in(answered, "/check-ins/"))
    assert ana.get_by_text(f"Seen by Bob on {weekday}").is_visible()
    assert ana.get_by_text("Ask them for a date this week; call me if not.").is_visible()
    ana.goto(url)
    assert ana.get_by_text(f"Seen by Bob on {weekday}").first.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_check_in_pages_pass_axe_and_fit_a_phone(browser, live_server, pair, scheme):
    check_in = buddy_services.check_in_save(
        partnership=pair["partnership"],
        author=pair["ana"],
        entries={pair["goal"].pk: {"moved": "Kick-off booked", "confidence": 4}},
    )
    paths = {
        "ana@example.org": [
            f"/buddies/{pair['partnership'].pk}/",
            f"/buddies/{pair['partnership'].pk}/check-in/",
            f"/check-ins/{check_in.pk}/",
        ],
        "bob@example.org": [f"/check-ins/{check_in.pk}/", f"/buddies/{pair['partnership'].pk}/"],
    }
    found, too_wide = {}, {}
    for who, pages in paths.items():
        page = browser_of(browser, live_server, who, bypass_csp=True, color_scheme=scheme)
        phone = browser_of(browser, live_server, who, color_scheme=scheme)
        phone.set_viewport_size({"width": 375, "height": 812})
        for path in pages:
            page.goto(live_server.url + path)
            if problems := axe_problems(page):
                found[f"{who} {path}"] = problems
            phone.goto(live_server.url + path)
            width = phone.locator("html").evaluate("e => e.scrollWidth")
            if width > 375:
                too_wide[f"{who} {path}"] = width
        if who == "bob@example.org":  # the answer refused: its message showing
            page.goto(f"{live_server.url}/check-ins/{check_in.pk}/")
            page.get_by_role("button", name="Send my answer").click()
            page.get_by_text("Pick a reaction, so they know you read it.").wait_for()
            if problems := axe_problems(page):
                found[f"{who} answer with errors"] = problems
        page.context.close()
        phone.context.close()
    assert not found, found
    assert not too_wide, too_wide
