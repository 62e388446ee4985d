"""Installable on a phone: the web app manifest, the service worker and its offline page.

The service worker keeps only the shell (the offline page and our static files); a page of
the site always comes from the network, so nothing private is ever kept on the device.
"""

import json

from django.http import HttpResponse
from django.templatetags.static import static
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
        "short_name": "Goals",
        "description": "Set career goals, take small steps and keep going with a buddy.",
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
