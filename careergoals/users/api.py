"""The person's own account in the API: ``/me``, their profile.

Input goes through the profile page's own form (``ProfileForm``) and the page's service
(``user_update_profile``), so the rules are the page's.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import translation
from ninja import Field, Router, Schema

from careergoals.apikit import READ_ERRORS, WRITE_ERRORS

from .forms import ProfileForm, ThemeForm
from .services import user_set_theme, user_update_profile

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
