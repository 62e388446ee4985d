"""What every router of the JSON API (``/api/v1/``) shares: the error body and the page.

The bottom layer: each app's ``api.py`` imports it; it imports none of them. The API
itself (auth, rate limits, the routers put together) is ``careergoals.api``.
"""

from ninja import Schema


class ErrorOut(Schema):
    """Every error answer: a sentence for people, and each field's messages, if any."""

    detail: str
    errors: dict[str, list[str]] = {}


# Merge into a route's ``response={...}`` so the OpenAPI document names every answer the
# route can give (the handlers in careergoals.api write these bodies).
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = READ_ERRORS | {400: ErrorOut, 409: ErrorOut, 422: ErrorOut}
