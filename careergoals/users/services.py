"""Every write to a person's account."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _

from .models import AccessToken, User
from .signals import time_zone_changed


@transaction.atomic
def user_update_profile(
    *, user: User, display_name: str, timezone: str, language: str | None = None
) -> User:
    """Name and time zone; the language too when given (``None`` leaves it)."""
    moved = user.timezone != timezone
    user.display_name = display_name.strip()
    user.timezone = timezone
    fields = ["display_name", "timezone"]
    if language is not None:
        user.language = language
        fields.append("language")
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    if moved:
        time_zone_changed.send(sender=User, user=user)  # reminders re-plan for the new zone
    return user


def user_set_theme(*, user: User, theme: str) -> User:
    """Light, dark, or back to following the person's device."""
    user.theme = theme
    user.full_clean(exclude=["password"])
    user.save(update_fields=["theme"])
    return user


def user_set_language(*, user: User, language: str) -> User:
    """The language of their pages and of the emails sent to them."""
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["language"])
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the person and, through cascades, everything they own.

    What other people keep is not ours to decide here: apps above this one listen for the
    deletion (accountability ends the partnerships, and the buddy keeps their record)."""
    user.delete()


# --- Personal access tokens (the API's ``Authorization: Bearer <key>``) ---------------

# The start of every key says what it is, to people and to secret scanners.
TOKEN_KEY_START = "cg_"  # noqa: S105 (not a secret)
TOKEN_LAST_USED_EVERY = timedelta(minutes=1)  # at most one write per token per minute
TOKENS_AT_MOST = 50  # per person: the page lists them all


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(
    *, user: User, name: str, scope: str, expires_at: datetime | None = None
) -> tuple[AccessToken, str]:
    """A new token and its key: the only time the key is known; only its hash is kept."""
    if AccessToken.objects.filter(user=user).count() >= TOKENS_AT_MOST:
        raise ValidationError(
            _("You have %(count)s tokens, the most there can be: revoke one first.")
            % {"count": TOKENS_AT_MOST}
        )
    key = TOKEN_KEY_START + secrets.token_urlsafe(32)
    token = AccessToken(
        user=user,
        name=name.strip(),
        scope=scope,
        expires_at=expires_at,
        prefix=key[: AccessToken.PREFIX_LENGTH],
        key_hash=_hash(key),
    )
    token.full_clean()
    token.save()
    return token, key


def token_revoke(*, user: User, token_id: int) -> None:
    """The token stops working at once. Someone else's token (or none): ``DoesNotExist``."""
    AccessToken.objects.filter(user=user).get(pk=token_id).delete()


def token_authenticate(*, key: str) -> AccessToken | None:
    """The live token with this key, its person loaded, or ``None``.

    Expired tokens and tokens of deactivated people don't work. When it was last used is
    written at most once a minute, not on every request."""
    digest = _hash(key)
    token = (
        AccessToken.objects.select_related("user")
        .filter(key_hash=digest, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    now = dj_timezone.now()
    if token.is_expired(now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_LAST_USED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
