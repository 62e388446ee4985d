"""The person's own account in the API: ``/me``, their profile.

Input goes through the profile page's own form (``ProfileForm``) and the page's service
(``user_update_profile``), so the rules are the page's.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone, translation
from ninja import Field, Router, Schema, Status

from careergoals.apikit import READ_ERRORS, WRITE_ERRORS

from .forms import AccessTokenForm, ProfileForm, ThemeForm
from .models import AccessToken
from .services import token_create, token_revoke, user_set_theme, user_update_profile

router = Router(tags=["Profile"])


class ProfileOut(Schema):
    """The signed-in person's profile."""

    id: int
    email: str = Field(
        description="Their sign-in address; changed on the account pages only.",  # not shown
    )
    name: str = Field(
        description="What buddies and emails call them: the display name, "  # not shown
        "or the start of the email address without one.",
    )
    display_name: str
    timezone: str = Field(
        description="An IANA time zone, e.g. “Europe/Berlin”.",  # not shown
    )
    language: str = Field(description="“en”, “de”, or empty: the browser's language.")
    theme: Literal["light", "dark", "system"]


class ProfilePatch(Schema):
    """What may change; leave a field out to keep it."""

    display_name: str | None = Field(None, max_length=80)
    timezone: str | None = Field(
        None,
        description="An IANA time zone, e.g. “Europe/Berlin”.",  # not shown
    )
    language: str | None = Field(None, description="“en” or “de”.")
    theme: Literal["light", "dark", "system"] | None = None


# The API's documentation is English: its words are marked "not shown" (not translated).


@router.get("/me", response={200: ProfileOut} | READ_ERRORS, summary="Your profile")
def me(request):
    """The profile of whoever the token (or session) belongs to."""
    return request.user


@router.patch(
    "/me",
    response={200: ProfileOut} | WRITE_ERRORS,
    summary="Change your profile",  # not shown
)
def me_update(request, payload: ProfilePatch):
    """Name, time zone, language and appearance, validated as on the profile page. Moving
    to another time zone re-plans the person's reminders, as the page does."""
    user = request.user
    given = payload.dict(exclude_unset=True)
    current = {
        "display_name": user.display_name,
        "timezone": user.timezone,
        "language": user.language or translation.get_language(),
    }
    profile_keys = ("display_name", "timezone", "language")
    form = ProfileForm(data=current | {k: v for k, v in given.items() if k in profile_keys})
    theme_form = ThemeForm(data={"theme": given.get("theme") or user.theme})
    profile_ok, theme_ok = form.is_valid(), theme_form.is_valid()
    if not (profile_ok and theme_ok):
        raise ValidationError({**form.errors, **theme_form.errors})
    data = form.cleaned_data
    if any(key in given for key in profile_keys):
        user_update_profile(
            user=user,
            display_name=data["display_name"],
            timezone=data["timezone"],
            language=data["language"] if "language" in given else None,
        )
    if "theme" in given:
        user_set_theme(user=user, theme=theme_form.cleaned_data["theme"])
    return user


# --- Personal access tokens --------------------------------------------------------------
# A token (or the session) makes more, for scripts: never one that may do more than itself.


class TokenOut(Schema):
    """A personal access token, as listed: never its key."""

    id: int
    name: str
    prefix: str = Field(
        description="The key's first characters, to tell tokens apart.",  # not shown
    )
    scope: Literal["read", "write"]
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    expires_at: datetime.datetime | None


class TokenMade(TokenOut):
    """A new token with its key: shown this once, only its hash is kept."""

    key: str = Field(description="Send it as “Authorization: Bearer <key>”.")  # not shown


class TokenIn(Schema):
    """A new token: what it is for, what it may do, how long it works."""

    name: str = Field(max_length=80)
    scope: Literal["read", "write"] = "read"
    expires_in: Literal["30", "90", "365", ""] = Field(
        "90",
        description="Days it works (30, 90 or 365), or empty for no end.",  # not shown
    )


@router.get("/me/tokens", response={200: list[TokenOut]} | READ_ERRORS, summary="Your tokens")
def tokens(request):
    """The person's access tokens, newest first, as the account page lists them."""
    return AccessToken.objects.filter(user=request.user).order_by("-created_at", "-pk")


@router.post(
    "/me/tokens",
    response={201: TokenMade} | WRITE_ERRORS,
    summary="Make a token",  # not shown
)
def token_make(request, payload: TokenIn):
    """Validated by the account page's form; its key is in this answer only. Making one
    is a write, so a read-only token can't: no token makes one that may do more."""
    form = AccessTokenForm(data=payload.dict())
    if not form.is_valid():
        raise ValidationError(form.errors)
    days = form.cleaned_data["expires_in"]
    token, key = token_create(
        user=request.user,
        name=form.cleaned_data["name"],
        scope=form.cleaned_data["scope"],
        expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
    )
    token.key = key
    return Status(201, token)


@router.delete(
    "/me/tokens/{token_id}",
    response={204: None} | WRITE_ERRORS,
    summary="Revoke a token",  # not shown
)
def token_delete(request, token_id: int):
    """It stops working at once; a token may revoke itself. Someone else's token: 404."""
    try:
        token_revoke(user=request.user, token_id=token_id)
    except AccessToken.DoesNotExist:
        raise Http404 from None
    return Status(204, None)
