"""The whole journey in German: every page says so, reads without a serious axe problem,
and fits a 375 px phone with the longer German words (nothing wider than the screen)."""

import pytest

from careergoals.users.models import User
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import axe_problems, journey_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
TOO_WIDE = "() => document.documentElement.scrollWidth - window.innerWidth"


def look(page, url: str) -> list[str]:
    response = page.goto(url)
    problems = [] if response.status < 400 else [f"status {response.status}"]
    lang = page.locator("html").get_attribute("lang")
    if lang != "de":
        problems.append(f'<html lang="{lang}">')
    if (extra := page.evaluate(TOO_WIDE)) > 0:
        problems.append(f"{extra}px wider than the phone")
    return problems + axe_problems(page)


def test_every_journey_page_in_german_on_a_phone(browser, live_server, world):
    pages = journey_pages(world)
    found: dict[str, list[str]] = {}

    # A visitor whose browser asks for German gets German without choosing anything.
    context = browser.new_context(bypass_csp=True, locale="de-DE", viewport=PHONE)
    page = context.new_page()
    for path in pages["visitor"]:
        if problems := look(page, live_server.url + path):
            found[f"visitor {path}"] = problems
    context.close()

    # People who chose German on their profile get it whatever their browser asks for.
    User.objects.filter(email__in=["ana@example.org", "bob@example.org"]).update(language="de")
    for who in ("ana@example.org", "bob@example.org"):
        context = browser.new_context(bypass_csp=True, locale="en-US", viewport=PHONE)
        page = context.new_page()
        sign_in(page, live_server, who)
        for path in pages[who]:
            if problems := look(page, live_server.url + path):
                found[f"{who} {path}"] = problems
        context.close()

    report = "\n".join(f"{where}\n  " + "\n  ".join(p) for where, p in found.items())
    assert not found, f"German pages with problems:\n{report}"
