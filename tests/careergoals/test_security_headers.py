"""Every answer carries a strict Content-Security-Policy, a Referrer-Policy and a
Permissions-Policy; and no template brings back the inline code the policy forbids."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.views.defaults import server_error

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (p.strip() for p in header.split(";"))):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict(response):
    csp = policy(response)
    assert csp, f"no Content-Security-Policy on {response.status_code}"
    for directive in ("script-src", "style-src"):
        assert csp[directive] == ["'self'"], (directive, csp[directive])
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert response.headers["Referrer-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions, permissions
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_for_visitors_and_for_people_signed_in_carry_the_policies(client, ana, goal):
    for url in (reverse("landing"), reverse("account_login"), "/no-such-page/"):
        assert_strict(client.get(url))
    client.force_login(ana)
    for url in (reverse("goals:home"), goal.get_absolute_url(), reverse("buddies:calendar_feed")):
        response = client.get(url)
        assert response.status_code == 200
        assert_strict(response)
    # An htmx answer too: it is swapped into a page, but is fetched on its own.
    response = client.post(reverse("goals:goal_smart_check"), {}, headers={"HX-Request": "true"})
    assert_strict(response)


def test_the_error_page_keeps_its_look_under_the_policy(rf):
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "<style" not in html and "style=" not in html
    assert 'rel="stylesheet"' in html


# What a Content-Security-Policy without 'unsafe-inline' refuses to run or apply.
INLINE = {
    "an inline <script>": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"),
    "a <style> block": re.compile(r"<style\b"),
    "a style attribute": re.compile(r"\sstyle="),
    "an event handler attribute": re.compile(r"\son[a-z]+=", re.IGNORECASE),
    "a javascript: link": re.compile(r"javascript:", re.IGNORECASE),
    # htmx code in attributes needs eval, which the policy (and htmx-config) refuse.
    "an hx-on handler": re.compile(r"\shx-on[:-]"),
    "htmx js: values": re.compile(r"hx-(vals|vars)=[\"']\s*js:"),
}


def test_no_template_holds_inline_script_or_style():
    """Emails are exempt: they are read in mail clients, which need inline styles."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "email" in path.relative_to(TEMPLATES).parts:
            continue
        text = path.read_text()
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line}: {what}")
    assert not found, "\n".join(found)


def test_no_python_module_writes_a_style_attribute():
    """Charts and other HTML built in Python use classes, as the templates do."""
    root = Path(settings.BASE_DIR)
    found = [
        str(path.relative_to(root))
        for app in ("goals", "accountability", "careergoals")
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts and re.search(r"\sstyle=\\?[\"']", path.read_text())
    ]
    assert not found, found
