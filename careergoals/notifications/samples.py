"""Sample words for every kind of email, so staff can preview them (and tests render them all).

Plain stand-ins, not database rows. Each app gives the samples of its own emails when it
registers them (``kinds.register_email``): this app sits below goals and accountability
and must not import them. The people here are shared by every app's samples.
"""

from types import SimpleNamespace as Sample

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .emails import Email, render_account_email, render_email
from .kinds import EMAILS, preference_of

ANA = Sample(name="Ana", email="ana@example.org")
BOB = Sample(name="Bob", email="bob@example.org")


def digest_sample() -> tuple[str, dict]:
    subject = ngettext(
        "Your week ahead: %(count)s reminder", "Your week ahead: %(count)s reminders", 2
    ) % {"count": 2}
    items = [
        Sample(subject=_("Your step is due tomorrow"), url="/goals/1/"),
        Sample(
            subject=_("%(name)s’s goal is due in %(days)s days") % {"name": "Bob", "days": 7},
            url="/goals/2/",
        ),
    ]
    return subject, {"items": items}


def _account_samples() -> dict[str, tuple[str, dict]]:
    """allauth's emails: kind -> (template prefix, what its templates read)."""
    site = settings.SITE_URL
    reset = f"{site}/accounts/password/reset/"
    notice = {
        "timestamp": timezone.now(),
        "ip": "203.0.113.7",
        "user_agent": "Firefox on Linux",
        "password_reset_url": reset,
    }
    kinds = {
        "account/email/account_already_exists": {"password_reset_url": reset},
        "account/email/email_changed": notice
        | {"from_email": ANA.email, "to_email": "ana.work@example.org"},
        "account/email/email_confirmation": {"activate_url": f"{site}/accounts/confirm-email/a/"},
        "account/email/email_confirmation_signup": {
            "activate_url": f"{site}/accounts/confirm-email/sample/"
        },
        "account/email/email_deleted": notice | {"deleted_email": "ana.old@example.org"},
        "account/email/password_changed": notice,
        "account/email/password_reset": notice,
        "account/email/password_reset_key": {
            "password_reset_url": f"{site}/accounts/password/reset/key/sample/"
        },
        "account/email/password_set": notice,
        "account/email/unknown_account": {"signup_url": f"{site}/accounts/signup/"},
        "mfa/email/recovery_codes_generated": notice,
        "mfa/email/totp_activated": notice,
        "mfa/email/totp_deactivated": notice,
    }
    user = Sample(display_name="Ana", is_authenticated=True, timezone="Europe/Berlin")
    common = {"user": user, "email": ANA.email, "SITE_NAME": settings.SITE_NAME}
    return {
        f"account:{prefix.rsplit('/', 1)[-1]}": (prefix, common | context)
        for prefix, context in kinds.items()
    }


def sample_kinds() -> list[str]:
    """Every app's, then allauth's (confirm an address, reset a password, security notices)."""
    return sorted(EMAILS) + sorted(_account_samples())


def sample_email(kind: str) -> tuple[str, Email]:
    """(subject, both parts) of one kind rendered with the sample data, as it is sent."""
    if kind.startswith("account:"):
        prefix, context = _account_samples()[kind]
        return render_account_email(template_prefix=prefix, context=context)
    subject, context = EMAILS[kind].sample()
    governed = preference_of(kind) is not None  # only those have a one-click unsubscribe link
    full = {
        "recipient": ANA,
        "link": f"{settings.SITE_URL}/goals/1/",
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_link": (
            f"{settings.SITE_URL}/notifications/unsubscribe/sample/" if governed else ""
        ),
        **context,
    }
    return subject, render_email(template=kind, subject=subject, context=full)
