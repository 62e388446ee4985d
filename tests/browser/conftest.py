"""Debian's Chromium driven by Playwright (``playwright install`` cannot download here)."""

import os
import shutil

import pytest

from tests.conftest import need

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop; Django must still allow ORM calls from tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# One Playwright per process: its sync API refuses a second one in the same thread, and other
# test folders import this fixture (a definition of their own), so all of them share it.
_shared: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    need(bool(shutil.which(CHROMIUM)), f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    if not _shared["users"]:
        _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=FLAGS
        )
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if not _shared["users"]:
            _shared.pop("browser").close()
            _shared.pop("playwright").stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()


def sign_in(page, live_server, email, password=None):
    """Sign in through the form, as a person would, and land on the dashboard."""
    import re

    from tests.conftest import PASSWORD

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password")).fill(password or PASSWORD)
    page.get_by_role("button", name=re.compile(r"^Sign in$", re.I)).click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page
