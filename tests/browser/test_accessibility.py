"""Accessible on every page the journeys visit: axe-core, the keyboard, a phone, dark mode, weight.

axe-core is injected into the page, which the Content-Security-Policy would refuse, so only
the axe contexts are created with ``bypass_csp=True``; every other check here runs under the
policy the server sends.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from goals.models import GoalExample
from goals.services_examples import goal_examples_load
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def journey_pages(world) -> dict[str, list[str]]:
    """Every page the journeys visit, by who visits it."""
    goal, pair, meeting, reached = (
        world["goal"].pk,
        world["partnership"].pk,
        world["meeting"].pk,
        world["reached"].pk,
    )
    goal_examples_load()  # a flush between browser tests empties the library
    example = GoalExample.objects.get(slug="earnings-raise-at-review").pk
    return {
        "visitor": [
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            f"/invitations/{world['invitation']}/",
            "/offline/",
        ],
        "ana@example.org": [
            "/home/",
            "/vision/",
            "/goals/new/",
            "/goals/examples/",
            f"/goals/examples/{example}/start/",
            f"/goals/{goal}/share-as-example/",
            f"/goals/{goal}/",
            f"/goals/{goal}/edit/",
            f"/goals/{goal}/history/",
            f"/goals/{goal}/sharing/",
            "/roadmap/",
            "/journal/",
            f"/goals/{reached}/celebrate/",
            f"/goals/{reached}/reflect/",
            "/buddies/",
            f"/buddies/{pair}/",
            f"/buddies/{pair}/rules/",
            f"/buddies/{pair}/reviews/new/",
            f"/reviews/{meeting}/",
            "/calendar/",
            "/calendar/feed/",
            "/notifications/",
            "/notifications/settings/",
            "/accounts/profile/",
            "/accounts/email/",
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/accounts/2fa/totp/activate/",
            "/accounts/delete/",
        ],
        "bob@example.org": [f"/goals/{goal}/", f"/buddies/{pair}/", f"/reviews/{meeting}/"],
    }


def axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def two_step_sign_in(browser, live_server, make_user, scheme):
    """The second step of signing in, for someone with an authenticator app."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    tess = make_user(email="tess@example.org", welcomed_at=timezone.now())
    TOTP.activate(tess, generate_totp_secret())
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("tess@example.org")
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r"/2fa/authenticate/"))
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_on_any_journey_page(
    browser, live_server, world, make_user, scheme
):
    found: dict[str, list[str]] = {}
    for who, paths in journey_pages(world).items():
        context = browser.new_context(bypass_csp=True, color_scheme=scheme)
        page = context.new_page()
        if who != "visitor":
            sign_in(page, live_server, who)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status < 400, f"{path}: {response.status}"
            theme = page.locator("html").get_attribute("data-bs-theme")
            assert theme == scheme, f"{path} shows {theme}"
            if problems := axe_problems(page):
                found[f"{who} {path}"] = problems
        if who == "ana@example.org":
            # A form refused, its messages showing.
            page.goto(live_server.url + "/goals/new/")
            page.get_by_role("button", name="Save goal").click()
            page.locator(".invalid-feedback, .alert-danger").first.wait_for()
            if problems := axe_problems(page):
                found[f"{who} goal form with errors"] = problems
        if who != "visitor":
            # The account menu with its appearance choices, open.
            page.get_by_role("navigation", name="Main").locator(".dropdown-toggle").click()
            page.locator(".dropdown-menu.show").wait_for()
            if problems := axe_problems(page):
                found[f"{who} account menu"] = problems
        context.close()

    page = two_step_sign_in(browser, live_server, make_user, scheme)
    if problems := axe_problems(page):
        found["tess /accounts/2fa/authenticate/"] = problems
    page.context.close()

    count = sum(len(p) for p in found.values())
    report = "\n".join(f"{where}\n  " + "\n  ".join(p) for where, p in found.items())
    assert not found, f"{count} serious or critical axe violations ({scheme}):\n{report}"


# --- Keyboard only ------------------------------------------------------------------------
# What the focused element looks like: its ring (outline or box-shadow) as computed now.
RING = """e => {
  const s = getComputedStyle(e);
  return {
    outline: s.outlineStyle === "none" ? "" : `${s.outlineStyle} ${s.outlineWidth}`,
    shadow: s.boxShadow === "none" ? "" : s.boxShadow,
    what: e.tagName.toLowerCase() + " “" +
      (e.getAttribute("aria-label") || e.innerText || e.name || "").trim().slice(0, 50) + "”",
  };
}"""

SEGMENTED = "e => ['date', 'time', 'datetime-local', 'month'].includes(e.type)"


class Keyboard:
    """Tab, Shift+Tab, Enter and Space only; every stop shows a focus ring, and focus moves on."""

    def __init__(self, page):
        self.page = page
        self.stops: list[str] = []

    def active(self):
        return self.page.evaluate_handle("document.activeElement").as_element()

    def is_focused(self, locator) -> bool:
        return locator.evaluate("e => e === document.activeElement")

    def tab_to(self, target, *, back: bool = False, limit: int = 80) -> None:
        stayed = 0
        for _ in range(limit):
            before = self.active()
            ring_before = before.evaluate(RING) if before else None
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            now = self.active()
            if self.page.evaluate("([a, b]) => a === b", [before, now]):
                # Tab walks the day, month and year of a date field, then leaves it.
                stayed = stayed + 1 if before.evaluate(SEGMENTED) else 99
                assert stayed < 4, f"focus is stuck on {ring_before['what']}"
                continue
            stayed = 0
            ring = now.evaluate(RING)
            assert ring["outline"] or ring["shadow"], f"no visible focus on {ring['what']}"
            if before and before.evaluate("e => e.isConnected && e !== document.body"):
                # The ring belongs to focus: the element left behind no longer wears it.
                after = before.evaluate(RING)
                assert (after["outline"], after["shadow"]) != (
                    ring_before["outline"],
                    ring_before["shadow"],
                ), f"{ring_before['what']} looks focused after focus left it"
            self.stops.append(ring["what"])
            if self.is_focused(target):
                return
        raise AssertionError(f"never reached {target}; stops: {self.stops[-10:]}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)


def test_sign_in_write_a_goal_and_tick_a_step_with_the_keyboard_only(
    browser, live_server, make_user
):
    make_user(email="kim@example.org", display_name="Kim", welcomed_at=timezone.now())
    # Reduced motion: Bootstrap then draws focus rings without a transition to catch mid-way.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    keys = Keyboard(page)

    page.goto(live_server.url + "/accounts/login/")
    keys.tab_to(page.get_by_label("Email"))
    keys.type("kim@example.org")
    keys.tab_to(page.get_by_label(re.compile(r"^\s*Password")))
    keys.type(PASSWORD)
    keys.tab_to(page.get_by_role("button", name=re.compile(r"^Sign in$", re.I)))
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/home/$"))

    nav = page.get_by_role("navigation", name="Main")
    keys.tab_to(nav.get_by_role("link", name="New goal"))
    # Shift+Tab goes back, Tab comes forward again: no trap either way.
    keys.tab_to(nav.get_by_role("link", name="Calendar"), back=True)
    keys.tab_to(nav.get_by_role("link", name="New goal"))
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/goals/new/$"))
    keys.tab_to(page.get_by_label("Your goal"))
    keys.type("Run a 10 km race")
    keys.tab_to(page.get_by_role("button", name="Save goal"))
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/goals/\d+/$"))

    step = page.get_by_label(re.compile(r"^\s*Step\*?\s*$"))
    if not step.is_visible():
        keys.tab_to(page.get_by_text("Add a step", exact=True))
        keys.press("Enter")
    keys.tab_to(step)
    keys.type("Run 3 km twice a week")
    keys.tab_to(page.get_by_role("button", name="Add step"))
    keys.press("Enter")
    done = page.get_by_role("button", name="Mark “Run 3 km twice a week” as done")
    done.wait_for()
    keys.tab_to(done, back=True)
    keys.press("Space")
    undo = page.get_by_role("button", name="Mark “Run 3 km twice a week” as not done")
    undo.wait_for()
    # The swapped-in button keeps the focus (htmx restores it by id), and Tab goes on from it.
    assert keys.is_focused(undo)
    keys.tab_to(
        page.get_by_role("button", name="Actions for “Run 3 km twice a week”").or_(
            page.get_by_role("button", name="Edit “Run 3 km twice a week”")
        ),
        limit=3,
    )
    context.close()


# --- Dark mode: the device's choice, or the person's own, remembered -----------------------
def theme_of(page) -> str:
    return page.locator("html").get_attribute("data-bs-theme")


def test_the_device_decides_until_the_person_chooses_and_the_choice_is_remembered(
    browser, live_server, make_user
):
    make_user(email="lee@example.org", display_name="Lee", welcomed_at=timezone.now())
    # A visitor follows the device (static/js/theme.js), under the real CSP.
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert theme_of(page) == "dark"
    sign_in(page, live_server, "lee@example.org")
    assert theme_of(page) == "dark"

    # Light, from the account menu, on a dark device: it stays light from now on.
    page.goto(live_server.url + "/journal/")
    page.get_by_role("button", name="Lee").click()
    page.get_by_role("button", name="Light", exact=True).click()
    page.wait_for_url(re.compile(r"/journal/$"))
    assert theme_of(page) == "light"
    page.reload()
    assert theme_of(page) == "light"
    context.close()

    # Another browser of Lee's, also dark: the choice came along with the account.
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    sign_in(page, live_server, "lee@example.org")
    assert theme_of(page) == "light"
    page.get_by_role("button", name="Lee").click()
    expect(page.get_by_role("button", name="Light", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    # Back to the device, from the profile page.
    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_label("Same as my device").check()
    page.get_by_role("button", name="Save appearance").click()
    page.wait_for_url(re.compile(r"/accounts/profile/$"))
    assert theme_of(page) == "dark"
    expect(page.get_by_label("Same as my device")).to_be_checked()
    context.close()


# --- A phone: 375 × 812 ----------------------------------------------------------------------
# Controls in the main area that stick out of the screen, unless a scrolling box holds them.
OUT_OF_REACH = """(main, width) => {
  const scrolls = e => {
    for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === "auto" || o === "scroll") && p.clientWidth <= width) return true;
    }
    return false;
  };
  return [...main.querySelectorAll("a, button, input, select, textarea, summary")]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
    .filter(e => e.type !== "hidden" && !e.closest(".visually-hidden"))
    .filter(e => {
      const r = e.getBoundingClientRect();
      return r.left < -1 || r.right > width + 1;
    })
    .filter(e => !scrolls(e))
    .map(e => e.outerHTML.slice(0, 90));
}"""


def test_every_journey_page_fits_a_phone(browser, live_server, world):
    too_wide: dict[str, object] = {}
    for who, paths in journey_pages(world).items():
        context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
        page = context.new_page()
        if who != "visitor":
            sign_in(page, live_server, who)
        for path in paths:
            page.goto(live_server.url + path)
            width = page.locator("html").evaluate("e => e.scrollWidth")
            if width > 375:
                too_wide[f"{who} {path}"] = f"scrolls sideways: {width}px"
            elif stuck := page.locator("#main").evaluate(OUT_OF_REACH, 375):
                too_wide[f"{who} {path}"] = stuck
        if who != "visitor":
            # The menu opens, and its actions are on the screen.
            page.goto(live_server.url + "/home/")
            page.get_by_role("button", name="Open the menu").click()
            new_goal = page.get_by_role("navigation").get_by_role("link", name="New goal")
            expect(new_goal).to_be_in_viewport()
        context.close()
    assert not too_wide, "\n".join(f"{where}: {what}" for where, what in too_wide.items())


# --- Weight of the first visit to the dashboard ---------------------------------------------
BUDGET = 100 * 1024


def over_the_wire(response) -> int:
    """Bytes of the body as production sends it: static files as whitenoise's .gz copies.

    The live test server sends them uncompressed; whitenoise's own compressor decides here
    what production would send. The page itself is counted as it is, uncompressed."""
    from whitenoise.compress import Compressor

    body = response.body()
    path = response.url.split("?", 1)[0]
    if "/static/" not in path:
        return len(body)
    compressor = Compressor(quiet=True)
    if not compressor.should_compress(path):
        return len(body)
    gz = compressor.compress_gzip(body)
    if compressor.is_compressed_effectively("gzip", path, len(body), gz):
        return len(gz)
    return len(body)


def test_the_dashboard_first_load_is_light_and_asks_no_other_host(browser, live_server, world):
    signer = browser.new_context()
    sign_in(signer.new_page(), live_server, "ana@example.org")
    state = signer.storage_state()
    signer.close()

    # A new browser with the session only: nothing cached yet.
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    asked: list[str] = []
    answered = []
    page.on("request", lambda r: asked.append(r.url))
    page.on("response", lambda r: answered.append(r))
    page.goto(live_server.url + "/home/")
    page.wait_for_load_state("networkidle")

    ours = live_server.url.split("//", 1)[1].split("/", 1)[0]
    elsewhere = [url for url in asked if url.split("//", 1)[1].split("/", 1)[0] != ours]
    assert elsewhere == []
    sizes = {r.url.replace(live_server.url, ""): over_the_wire(r) for r in answered}
    total = sum(sizes.values())
    print(f"\nDashboard first load: {total / 1024:.1f} KB over the wire, {len(sizes)} requests")
    for url, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {size / 1024:6.1f} KB  {url}")
    assert total <= BUDGET, f"{total / 1024:.1f} KB: {sizes}"
    context.close()
