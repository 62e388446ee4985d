"""The API object's own behaviour: conditional GETs and caching headers on every answer."""

import hashlib

from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    quote_etag,
)
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


def conditional(request, response):
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Authorization", "Cookie"))
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not response.has_header("ETag"):
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    return get_conditional_response(request, etag=response["ETag"], response=response)
