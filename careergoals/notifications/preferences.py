"""Which preference governs each kind of email, and the signed one-click unsubscribe links."""

from django.core import signing
from django.db import transaction
from django.urls import reverse

from .kinds import PREFERENCES
from .models import NotificationSettings

# Which choice turns off which email, and what may wait for the digest: each app declares
# its own in careergoals/notifications/kinds.py (register_preference, register_email).
SALT = "careergoals.unsubscribe"


def settings_for(user) -> NotificationSettings:
    """A person's notification choices, created with the defaults on first use: the row the
    settings page saves. Code that only reads them uses ``choices_of``."""
    return NotificationSettings.objects.get_or_create(user_id=user.pk)[0]


def choices_of(user_ids) -> dict[int, NotificationSettings]:
    """Each person's choices in one query, the defaults for whoever never saved theirs.

    Only reads: a row is created when the person saves their settings (``settings_for``).
    A re-plan reads everyone it plans for at once; ``notify()`` reads its one recipient."""
    ids = set(user_ids)
    found = {row.user_id: row for row in NotificationSettings.objects.filter(user_id__in=ids)}
    return {pk: found.get(pk) or NotificationSettings(user_id=pk) for pk in ids}


def kind_mute(*, user, kind: str) -> NotificationSettings:
    """Stop one kind of email (the one-click unsubscribe). The row is locked while it is
    read and written, so two unsubscribes at once (two links, two kinds) both stick."""
    if kind not in PREFERENCES:
        raise ValueError(f"{kind!r} is not a choice on the settings page.")
    with transaction.atomic():
        settings_for(user)  # the row exists before it can be locked
        row = NotificationSettings.objects.select_for_update().get(user_id=user.pk)
        if kind not in row.muted_kinds:
            row.muted_kinds = [*row.muted_kinds, kind]
            row.save(update_fields=["muted_kinds"])
    return row


def unsubscribe_token(user_id: int, preference: str) -> str:
    return signing.dumps({"u": user_id, "k": preference}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in PREFERENCES:
        return None
    return int(data["u"]), data["k"]


def unsubscribe_path(user_id: int, preference: str) -> str:
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, preference)])
