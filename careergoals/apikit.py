"""What every router of the JSON API (``/api/v1/``) shares: the error body and the page.

The bottom layer: each app's ``api.py`` imports it; it imports none of them. The API
itself (auth, rate limits, the routers put together) is ``careergoals.api``.
"""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class ErrorOut(Schema):
    """Every error answer: a sentence for people, and each field's messages, if any."""

    detail: str
    errors: dict[str, list[str]] = {}


# Merge into a route's ``response={...}`` so the OpenAPI document names every answer the
# route can give (the handlers in careergoals.api write these bodies).
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = READ_ERRORS | {400: ErrorOut, 409: ErrorOut, 422: ErrorOut}


MAX_PAGE = 1_000_000


class Page(PageNumberPagination):
    """Every list of the API: ``?page=2&page_size=50``, 50 by default, at most 100.

    Use as ``@paginate(Page)``; the answer is ``{"items": [...], "count": <all of them>}``.
    A page past the end is an empty list; a page number past ``MAX_PAGE`` is refused (422),
    as its offset would overflow the database's bigint (a 500)."""

    class Input(PageNumberPagination.Input):
        page: int = Field(1, ge=1, le=MAX_PAGE)

    def __init__(self, page_size: int = 50, max_page_size: int = 100, **kwargs) -> None:
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)
