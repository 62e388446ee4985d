"""The celebration page's opening words are readable, light and dark.

They were light-weight (300) grey over the hero's amber glow: 6.4:1 (light) and 6.3:1
(dark), which reads fainter than its ratio says. Now AAA (7:1) at normal weight, as the
landing page's intro. Ratios are computed from the colours Chromium paints: the text
blended over the card, and over the card with the amber glow at its strongest.
"""

import pytest
from django.test import Client

from tests.browser.test_landing_contrast import PAINTED, contrast, rgba

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AAA = 7  # as the landing page's intro: a large line of words, read first

GLOW = """el => getComputedStyle(el.closest('.celebration-hero'))
  .getPropertyValue('--cg-cheer-soft').trim()"""


def over(top_css: str, bottom_css: str) -> str:
    """The colour of ``top`` (maybe translucent) painted over an opaque ``bottom``."""
    *top, alpha = rgba(top_css)
    bottom = rgba(bottom_css)[:3]
    mixed = [alpha * t + (1 - alpha) * b for t, b in zip(top, bottom, strict=True)]
    return "rgb({:.0f}, {:.0f}, {:.0f})".format(*mixed)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_celebration_lead_is_readable(browser, live_server, world, scheme):
    reached = world["reached"]
    client = Client()
    client.force_login(reached.owner)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    host = live_server.url.split("//", 1)[1].split(":", 1)[0]
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "domain": host, "path": "/"}])
    page = context.new_page()
    page.goto(f"{live_server.url}/goals/{reached.pk}/celebrate/")
    page.locator("html").evaluate(f"el => el.setAttribute('data-bs-theme', '{scheme}')")
    lead = page.locator(".celebration .lead")
    text, card = lead.evaluate(PAINTED)
    glow = lead.evaluate(GLOW)
    weight = int(lead.evaluate("el => getComputedStyle(el).fontWeight"))
    context.close()

    on_card = contrast(text, card)
    on_glow = contrast(text, over(glow, card))
    assert min(on_card, on_glow) >= AAA, f"{on_card:.2f}:1 on the card, {on_glow:.2f}:1 on the glow"
    assert weight >= 400, f"the lead at weight {weight}"
