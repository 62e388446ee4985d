"""While the database is unreachable, every page answers a friendly 503, never a 500.

A view that hits a dead database raises ``OperationalError`` (or ``InterfaceError`` on a
connection that broke mid-request). ``process_exception`` turns that into the 503 page. A
middleware below this one that touches the database (the signed-in user, the session) is
not covered by ``process_exception``: Django turns its exception into a 500 response on
the spot, after sending ``got_request_exception``. That signal marks the request, and this
middleware, near the top of the list, swaps such a 500 for the 503 page (Django has logged
it as an "Internal Server Error" with its traceback by then, which is what it is).

The page is rendered without a request context, so nothing on it needs the database.
Connections are checked before reuse (``CONN_HEALTH_CHECKS``) and a failed one is closed at
the end of the request, so the site recovers by itself as soon as the database is back.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers

log = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
_MARK = "_careergoals_database_down"


def outage_response(request) -> HttpResponse:
    # The browser's language (its cookie or Accept-Language): a person's own choice is in
    # the database, and this middleware runs before LocaleMiddleware anyway.
    with translation.override(translation.get_language_from_request(request)):
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _mark_database_down(sender, request=None, **kwargs):
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_DOWN):
        setattr(request, _MARK, True)


got_request_exception.connect(_mark_database_down, dispatch_uid="careergoals.outage")


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return outage_response(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        log.warning("database unreachable, answering 503 for %s: %s", request.path, exception)
        return outage_response(request)
