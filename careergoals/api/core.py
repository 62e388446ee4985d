"""The API object's own behaviour: conditional GETs, caching headers, and the error body
even where ninja answers by itself (a method a path doesn't have)."""

import functools
import hashlib

from django.http import StreamingHttpResponse
from django.urls import URLPattern
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    quote_etag,
)
from django.utils.translation import gettext as _
from ninja import NinjaAPI


class CareerGoalsAPI(NinjaAPI):
    """Every GET answer carries an ETag (a hash of its body); ``If-None-Match`` with it
    gets a 304 and no body. Answers are a person's own data: ``private, no-cache`` (a cache
    may keep them but must ask again) and ``Vary: Authorization, Cookie``."""

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)

    def error_response(self, request, status: int, detail: str):
        return self.create_response(request, {"detail": detail, "errors": {}}, status=status)

    def _get_urls(self):
        """ninja's URLs, each answering a method it lacks with our 405 body; the OpenAPI
        document and the docs page (not made by ``create_response``) get an ETag too."""
        return [self._wrapped(p) if isinstance(p, URLPattern) else p for p in super()._get_urls()]

    def _wrapped(self, pattern):
        view = pattern.callback

        @functools.wraps(view)  # keeps csrf_exempt: ninja checks CSRF itself, in SessionAuth
        def answer(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code != 405:
                if response.has_header("ETag") or isinstance(response, StreamingHttpResponse):
                    return response
                return conditional(request, response)
            refused = self.error_response(
                request,
                405,
                _("This address does not take %(method)s.") % {"method": request.method},
            )
            refused["Allow"] = response["Allow"]
            return refused

        pattern.callback = answer
        return pattern


def conditional(request, response):
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Authorization", "Cookie"))
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not response.has_header("ETag"):
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    return get_conditional_response(request, etag=response["ETag"], response=response)
