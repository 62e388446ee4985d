"""Access tokens in a real browser: make one, copy its key, use it, revoke it; and the API's
docs page, whose Swagger UI comes from the package, works under the CSP with the session."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from careergoals.users.models import AccessToken

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def ana_page(browser, live_server, make_user):
    make_user(email="ana@example.org", display_name="Ana", welcomed_at=timezone.now())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    sign_in(page, live_server, "ana@example.org")
    yield page
    context.close()


def test_make_copy_use_and_revoke_a_token(ana_page, live_server):
    page = ana_page
    page.goto(live_server.url + "/accounts/tokens/")
    page.get_by_label("Name").fill("My script")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make token").click()

    key = page.get_by_label("Copy it now and keep it somewhere safe").input_value()
    assert key.startswith("cg_")
    page.get_by_role("button", name="Copy", exact=True).click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == key

    api = page.context.request
    me = api.get(live_server.url + "/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert me.status == 200 and me.json()["name"] == "Ana"

    page.goto(live_server.url + "/accounts/tokens/")  # shown once: a new visit, the prefix only
    assert key not in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("Revoke")).click()
    expect(page.get_by_text("The token is revoked")).to_be_visible()
    assert not AccessToken.objects.exists()
    gone = api.get(live_server.url + "/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert gone.status == 401
    assert page.console_errors == []


def test_dismissing_the_confirmation_keeps_the_token(ana_page, live_server):
    page = ana_page
    page.goto(live_server.url + "/accounts/tokens/")
    page.get_by_label("Name").fill("Keep me")
    page.get_by_role("button", name="Make token").click()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name=re.compile("Revoke")).click()
    page.wait_for_timeout(300)
    assert AccessToken.objects.filter(name="Keep me").exists()


def test_the_docs_page_works_with_the_session_under_the_csp(ana_page, live_server):
    page = ana_page
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name=re.compile("Career Goals API"))).to_be_visible()
    operation = page.locator(".opblock-patch").filter(has_text="/api/v1/me").first
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.locator("textarea.body-param__text").fill('{"display_name": "From the docs"}')
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table .response-col_status").nth(1)).to_have_text(
        "200"
    )
    assert page.console_errors == []
