"""Installable on a phone, as Chromium sees it: the manifest parses, the service worker
registers, and with the network gone a page of the site shows the kept offline page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the service worker may keep: the offline page and our static files, nothing else.
SHELL_PATHS = re.compile(r"^/(offline/$|static/)")

KEPT_PATHS = (
    "() => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)"
    ".then(c => c.keys())))).then(lists => lists.flat().map(r => new URL(r.url).pathname))"
)


def test_the_manifest_parses_the_worker_registers_and_offline_shows_the_offline_page(
    page, live_server
):
    page.goto(live_server.url + "/")
    href = page.get_attribute('link[rel="manifest"]', "href")
    assert href == "/manifest.webmanifest"
    manifest = page.evaluate("url => fetch(url).then(r => r.json())", href)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/home/"
    for icon in manifest["icons"]:
        status = page.evaluate("url => fetch(url).then(r => r.status)", icon["src"])
        assert status == 200, icon

    scope = page.evaluate("() => navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == live_server.url + "/"
    assert not page.console_errors

    # Chromium's own checks, the ones behind its install prompt: its manifest parser finds
    # nothing wrong, and the one thing that stops installing is the test's private window.
    page.reload()
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getAppManifest")["errors"] == []
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    cached = page.evaluate(KEPT_PATHS)
    assert "/offline/" in cached and "/static/css/site.css" in cached
    assert not [path for path in cached if not SHELL_PATHS.match(path)], cached

    page.context.set_offline(True)
    page.goto(live_server.url + "/accounts/login/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    expect(page).to_have_title(re.compile("You are offline"))
    # The kept styles apply: the button is the site's blue, not the browser's grey.
    colour = page.get_by_role("link", name="Try again").evaluate(
        "a => getComputedStyle(a).backgroundColor"
    )
    assert colour == "rgb(29, 78, 216)"
    page.context.set_offline(False)


def test_nothing_of_a_signed_in_person_is_kept_and_after_sign_out_offline_shows_no_one(
    page, live_server, make_user, make_goal
):
    from django.utils import timezone

    from tests.browser.conftest import sign_in

    ana = make_user(email="ana@example.org", display_name="Ana", welcomed_at=timezone.now())
    goal = make_goal(ana, statement="Lead two client projects end to end")
    sign_in(page, live_server, "ana@example.org")
    page.evaluate("() => navigator.serviceWorker.ready")
    for path in ("/home/", f"/goals/{goal.pk}/", "/home/"):
        page.goto(live_server.url + path)
    kept = page.evaluate(KEPT_PATHS)
    assert "/offline/" in kept
    assert not [path for path in kept if not SHELL_PATHS.match(path)], kept

    page.goto(live_server.url + "/accounts/logout/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/")
    page.context.set_offline(True)
    page.goto(live_server.url + "/home/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    body = page.locator("body").inner_text()
    assert "Ana" not in body and "client projects" not in body
    page.context.set_offline(False)
