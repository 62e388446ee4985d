"""Who is asking: a personal access token, or the site's own session (with CSRF).

Every route needs one of them. Scopes are checked here, once for all routes: reading
(GET, HEAD, OPTIONS) needs a "read" token, anything else a "write" token; a session may do
everything its person may do on the pages.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer

from careergoals.users.services import token_authenticate

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``: a personal access token from the account pages.

    A key that is wrong, revoked or expired is a 401 at once (no falling back to a
    session): the client asked to be someone it is not."""

    openapi_description = "A personal access token: account page “Access tokens”."  # not shown

    def authenticate(self, request, token):
        found = token_authenticate(key=token)
        if found is None:
            raise AuthenticationError()
        if request.method not in SAFE_METHODS and not found.can_write:
            raise AuthorizationError(
                message=_("This token may only read. Make a token that may read and write.")
            )
        request.user = found.user
        if found.user.language:  # as UserLanguageMiddleware does for a session
            translation.activate(found.user.language)
            request.LANGUAGE_CODE = found.user.language
        return found


class SessionAuth(APIKeyCookie):
    """The session cookie of a signed-in person, for the site's own scripts and the docs page.

    Writes need Django's CSRF token (the ``X-CSRFToken`` header), like a form on a page. No
    session: nothing to check, so the answer is the 401 of no sign-in, not a CSRF 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        try:
            return super()._get_key(request)  # checks CSRF on writes
        except HttpError:
            raise AuthorizationError(
                message=_("CSRF check failed: send the csrftoken cookie in the X-CSRFToken header.")
            ) from None

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None
