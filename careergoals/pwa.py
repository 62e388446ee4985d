"""Installable on a phone: the web app manifest, the service worker and its offline page.

The service worker keeps only the shell (the offline page and our static files); a page of
the site always comes from the network, so nothing private is ever kept on the device.
"""

import functools
import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

NAME = "Career Goals"
THEME_COLOR = "#1d4ed8"  # --bs-primary in static/css/site.css
BACKGROUND_COLOR = "#f7f8fa"  # --bs-body-bg in static/css/site.css


@require_safe
@cache_control(max_age=3600, public=True)
def manifest(request):
    document = {
        "name": NAME,
        "short_name": _("Goals"),
        "description": _("Set career goals, take small steps and keep going with a buddy."),
        "id": "/home/",
        "start_url": "/home/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(document, indent=2), content_type="application/manifest+json")


# What the offline page needs, kept on install (hashed names once collected).
SHELL_STATIC = (
    "vendor/bootstrap/css/bootstrap.min.css",
    "css/site.css",
    "js/theme.js",
    "img/favicon.svg",
    "img/icon-192.png",
)


def shell_urls() -> list[str]:
    return [reverse("offline"), *(static(name) for name in SHELL_STATIC)]


def shell_version(urls: list[str]) -> str:
    """A digest of the kept list and of the files' content: a new version replaces the cache
    (hashed names change with content once collected; before that, the content tells)."""
    return _shell_version(tuple(urls))


@functools.cache  # the files change only with a deploy, which starts new processes
def _shell_version(urls: tuple[str, ...]) -> str:
    digest = hashlib.sha256("\n".join(urls).encode())
    for name in SHELL_STATIC:
        path = finders.find(name)
        if path:
            with open(path, "rb") as f:
                digest.update(f.read())
    digest.update(render_to_string("pwa/offline.html", {"SITE_NAME": settings.SITE_NAME}).encode())
    return digest.hexdigest()[:16]


@require_safe
def service_worker(request):
    urls = shell_urls()
    context = {
        "version": shell_version(urls),
        "offline_url": reverse("offline"),
        "shell_json": json.dumps(urls),
        "static_prefix": settings.STATIC_URL,
    }
    response = render(request, "pwa/sw.js", context, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request):
    """The same page for everyone, signed in or not: the service worker keeps it."""
    return render(request, "pwa/offline.html")
