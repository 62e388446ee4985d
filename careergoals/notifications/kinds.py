"""Which emails there are, and which choices on the settings page turn them off.

Each app owns its emails: it declares, in its ``AppConfig.ready()``, the choices a person
has on the settings page (``register_preference``) and each kind of email it sends, with
its template in the app's own folder and sample words for the staff preview
(``register_email``). This app sits below the others and only delivers; it declares its
own (the weekly digest) the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Preference:
    """One choice on the settings page: "Email me about …". Stored in ``muted_kinds``."""

    key: str  # the value stored in NotificationSettings.muted_kinds: never change it
    label: str  # what the settings page says
    digestible: bool = False  # may wait for the weekly digest instead of going out at once


@dataclass(frozen=True)
class EmailKind:
    """One kind of email: ``notify(kind=…, template=key)`` renders its template."""

    key: str
    template: str  # e.g. "goals/email/deadline.txt", in the sending app's folder
    preference: str | None  # the choice that turns it off; None: it always goes out
    sample: Callable[[], tuple[str, dict]]  # (subject, what the template reads) for previews


# In registration order: apps are ready in INSTALLED_APPS order, so the settings page lists
# goals' choices before accountability's.
PREFERENCES: dict[str, Preference] = {}
EMAILS: dict[str, EmailKind] = {}


def register_preference(key: str, label: str, *, digestible: bool = False) -> Preference:
    preference = Preference(key=key, label=label, digestible=digestible)
    PREFERENCES[key] = preference
    return preference


def register_email(
    key: str, *, template: str, sample: Callable, preference: str | None = None
) -> EmailKind:
    if preference is not None and preference not in PREFERENCES:
        raise LookupError(f"Email {key!r}: register the preference {preference!r} first.")
    kind = EmailKind(key=key, template=template, preference=preference, sample=sample)
    EMAILS[key] = kind
    return kind


def email_kind(key: str) -> EmailKind:
    try:
        return EMAILS[key]
    except KeyError:
        raise LookupError(f"No kind of email {key!r} is registered.") from None


def preference_of(kind: str) -> str | None:
    """The choice that can turn off emails of ``kind``; None for a kind that always goes
    out (an invitation to someone who has no account yet, the digest, allauth's)."""
    found = EMAILS.get(kind)
    return found.preference if found else None


def is_digestible(preference: str) -> bool:
    found = PREFERENCES.get(preference)
    return bool(found and found.digestible)


def preference_choices() -> list[tuple[str, str]]:
    """(key, label) of every choice, for the settings form."""
    return [(p.key, p.label) for p in PREFERENCES.values()]
