"""Installable on a phone: the manifest, its icons, and the links every page carries."""

import json
import struct

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.html import escapejs

pytestmark = pytest.mark.django_db


def static_file(url: str) -> str:
    assert url.startswith("/static/"), url
    found = finders.find(url.removeprefix("/static/"))
    assert found, f"{url} is not one of our static files"
    return found


def png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_the_manifest_is_json_with_what_a_phone_needs_to_install(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Career Goals"
    assert manifest["short_name"] and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "/home/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#1d4ed8"
    assert manifest["background_color"] == "#f7f8fa"


def test_every_icon_of_the_manifest_is_a_real_file_of_the_stated_size(client):
    icons = json.loads(client.get("/manifest.webmanifest").content)["icons"]
    sizes = {icon["sizes"] for icon in icons}
    assert {"192x192", "512x512", "any"} <= sizes
    for icon in icons:
        path = static_file(icon["src"])
        if icon["type"] == "image/png":
            width, height = png_size(path)
            assert f"{width}x{height}" == icon["sizes"], icon
        else:
            assert icon["type"] == "image/svg+xml" and path.endswith(".svg")


def test_the_manifest_answers_get_only(client):
    assert client.post("/manifest.webmanifest").status_code == 405


def test_every_page_links_the_manifest_the_theme_colour_and_a_home_screen_icon(client, ana):
    for page, who in ((reverse("landing"), None), (reverse("goals:home"), ana)):
        if who:
            client.force_login(who)
        html = client.get(page, follow=True).content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        assert '<meta name="theme-color" content="#1d4ed8"' in html
        assert '<link rel="apple-touch-icon" href="/static/img/icon-192.png">' in html


def test_the_service_worker_is_javascript_that_is_never_served_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert client.post("/sw.js").status_code == 405


def test_the_service_worker_keeps_the_offline_page_and_the_static_files_it_needs(client):
    from careergoals import pwa

    script = client.get("/sw.js").content.decode()
    shell = pwa.shell_urls()
    assert shell[0] == "/offline/"
    for url in shell[1:]:
        static_file(url)  # a real file of ours
    offline = client.get("/offline/").content.decode()
    for url in shell[1:3]:
        assert url in offline
    assert escapejs(json.dumps(shell)) in script
    assert f'const CACHE = PREFIX + "{pwa.shell_version(shell)}";' in script


def test_the_cache_version_changes_with_what_is_kept():
    from careergoals import pwa

    assert pwa.shell_version(["/offline/", "/static/a.css"]) != pwa.shell_version(
        ["/offline/", "/static/b.css"]
    )


def test_the_service_worker_keeps_nothing_but_its_shell_by_design(client):
    script = client.get("/sw.js").content.decode()
    # The one write to a cache is the shell on install; pages are fetched, never put.
    assert script.count("cache.addAll(SHELL)") == 1
    assert ".put(" not in script and "cache.add(" not in script
    assert 'request.method !== "GET"' in script
    assert "url.origin !== self.location.origin" in script


def test_the_offline_page_is_public_and_holds_no_one_s_data(client, ana, make_goal):
    make_goal(ana, statement="A secret plan of Ana")
    anonymous = client.get("/offline/")
    assert anonymous.status_code == 200
    client.force_login(ana)
    signed_in = client.get("/offline/")
    assert signed_in.status_code == 200
    html = signed_in.content.decode()
    assert "You are offline" in html
    for private in ("Ana", "ana@example", "A secret plan", "csrf", "Sign out"):
        assert private not in html
    assert html == anonymous.content.decode()


def test_the_policy_allows_our_own_worker_and_manifest_only(client):
    header = client.get("/offline/")["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}
    assert directives["worker-src"] == ["'self'"]
    assert directives["manifest-src"] == ["'self'"]
