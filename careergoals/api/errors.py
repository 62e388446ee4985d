"""The API's error answers: every one is an ``ErrorOut`` body (``careergoals.apikit``).

Routes raise Django's ``ValidationError`` (from a service, or ``ValidationError(form.errors)``)
and ``Http404`` (``get_object_or_404`` or an access helper); ninja raises its own for a body
or query that does not parse, for a missing sign-in and for a throttled request. Each is
turned into the same shape here, so a client reads one kind of error everywhere.
"""

import math

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as InputError

NINJA_UNREADABLE_BODY = "Cannot parse request body"  # not shown: ninja's words, said in ours

# Where ninja's input errors come from (the first part of their ``loc``).
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


def django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """Each field's messages; the ones about no single field under ``__all__``."""
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: list(exc.messages)}


def input_errors(errors: list[dict]) -> dict[str, list[str]]:
    """ninja's list of pydantic errors as field → messages, fields named as the client sent them.

    ``loc`` is ``("body", "<argument>", "title")`` for a JSON body and ``("query",
    "status")`` for a query parameter: the source and the Python argument's name are not
    what the client wrote, so they are dropped."""
    out: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in _SOURCES:
            source = loc.pop(0)
            if source == "body" and loc:
                loc.pop(0)  # the route's argument name, e.g. "payload"
        field = ".".join(loc) or NON_FIELD_ERRORS  # a body that is no JSON object: no field
        out.setdefault(field, []).append(input_message(error))
    return out


DATE_ERRORS = {
    "date_parsing",
    "date_type",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}


def input_message(error: dict) -> str:
    """pydantic's English sentence in the person's language, for the errors people meet."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "string_too_long":
        return _("Use at most %(count)s characters.") % {"count": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Use at least %(count)s characters.") % {"count": ctx.get("min_length")}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return _("Enter a number.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind in DATE_ERRORS:
        return _("Enter a date like 2026-12-31.")
    if kind.startswith("datetime"):
        return _("Enter a date and time like 2026-12-31T09:00:00Z.")
    if kind == "less_than_equal":
        return _("Use %(limit)s or less.") % {"limit": ctx.get("le")}
    if kind == "greater_than_equal":
        return _("Use %(limit)s or more.") % {"limit": ctx.get("ge")}
    if kind in ("literal_error", "enum"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    return error.get("msg") or _("This value is not valid.")


def _detail_from(errors: dict[str, list[str]]) -> str:
    general = errors.get(NON_FIELD_ERRORS)
    if general and len(errors) == 1:
        return " ".join(general)
    return _("Some fields need attention.")


def install(api: NinjaAPI) -> None:
    """Register every handler on ``api``: one error body for all of them."""

    def answer(request, status, detail, errors=None, headers=None):
        response = api.create_response(
            request, {"detail": str(detail), "errors": errors or {}}, status=status
        )
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(DjangoValidationError)
    def validation_failed(request, exc):
        errors = django_errors(exc)
        return answer(request, 422, _detail_from(errors), errors)

    @api.exception_handler(InputError)
    def input_not_valid(request, exc):
        errors = input_errors(exc.errors)
        return answer(request, 422, _detail_from(errors), errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def not_allowed(request, exc):
        return answer(request, 403, _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def not_signed_in(request, exc):
        detail = _("Sign in, or send a valid access token: “Authorization: Bearer <token>”.")
        return answer(request, 401, detail, headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(AuthorizationError)
    def wrong_scope(request, exc):
        return answer(request, 403, exc.message)

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        if exc.wait is None:
            detail = _("Too many requests. Try again in a minute.")
        else:
            seconds = max(1, math.ceil(exc.wait))
            detail = ngettext(
                "Too many requests. Try again in %(seconds)s second.",
                "Too many requests. Try again in %(seconds)s seconds.",
                seconds,
            ) % {"seconds": seconds}
        return answer(request, 429, detail)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.message == NINJA_UNREADABLE_BODY:
            return answer(request, 400, _("The request body could not be read: send JSON."))
        return answer(request, exc.status_code, exc.message)
