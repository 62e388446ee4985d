from collections.abc import Callable

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Where allauth's emails go. careergoals.users is the bottom layer and imports none of the
# apps above: notifications puts its outbox here in its AppConfig.ready(). The mailer is
# called as mailer(template_prefix=, to_email=, context=, request=).
ACCOUNT_MAILERS: list[Callable] = []


def register_account_mailer(mailer: Callable) -> Callable:
    ACCOUNT_MAILERS[:] = [mailer]
    return mailer


class AccountAdapter(DefaultAccountAdapter):
    # allauth's messages in the site's words (the others already read well).
    error_messages = DefaultAccountAdapter.error_messages | {
        "email_password_mismatch": _(
            "That email address and password are not correct. Check both and try again."
        ),
        "enter_current_password": _("Type your current password."),
        "incorrect_password": _("That password isn’t right."),
        "invalid_login": _("You can’t sign in to this account."),
        "invalid_password_reset": _("This password link can’t be used any more."),
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. Wait a few minutes, then try again."
        ),
        "unverified_primary_email": _("Your main email address needs to be confirmed first."),
        "rate_limited": _(
            "That was a lot of tries in a short time. Wait a minute, then try again."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def unstash_verified_email(self, request) -> None:
        """allauth would add the stashed address (an invitation link proved it) to the new
        account even when the person typed another one, and make it the primary address.
        Here it only vouches for the address on the form: see is_email_verified."""
        return None

    def is_email_verified(self, request, email: str) -> bool:
        """At sign-up: the address is verified when it is the one the invitation link proved.
        The stash is read once and forgotten, whichever address was typed."""
        vouched = super().unstash_verified_email(request)
        return bool(vouched) and vouched.lower() == email.lower()

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        """Notices of a change to the account end with a way out if it wasn't them."""
        from allauth.account.internal.flows.password_reset import get_reset_password_url

        context = {
            "user": user,  # also when signed out, after a password reset
            "password_reset_url": get_reset_password_url(self.request),
            **(context or {}),
        }
        super().send_notification_mail(template_prefix, user, context, email)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Into our outbox instead of out during the request: the worker sends it after
        commit, so a mail server that is down or slow never fails a sign-up or a reset,
        the email goes out once the server is back, and staff see it in the outbox.
        (Subjects come from fixed templates, joined onto one line: no user text reaches
        them.)"""
        if not ACCOUNT_MAILERS:
            raise ImproperlyConfigured(
                "No outbox for allauth's emails: is notifications installed?"
            )
        request = self.request
        context = {
            "email": email,
            "request": request,
            "SITE_NAME": settings.SITE_NAME,  # also outside a request
            **({"current_site": get_current_site(request)} if request else {}),
            **context,
        }
        (mailer,) = ACCOUNT_MAILERS
        mailer(template_prefix=template_prefix, to_email=email, context=context, request=request)


class MFAAdapter(DefaultMFAAdapter):
    # Two-step sign-in's messages in the site's words.
    error_messages = DefaultMFAAdapter.error_messages | {
        "add_email_blocked": _(
            "While two-step sign-in is on, no address can be added. "
            "Turn it off first, add the address, then turn it on again."
        ),
        "cannot_delete_authenticator": _("Two-step sign-in can’t be turned off for this account."),
        "cannot_generate_recovery_codes": _(
            "Recovery codes come with two-step sign-in: set up an authenticator app first."
        ),
        "incorrect_code": _(
            "That code isn’t right. Check your app and type the code it shows now."
        ),
        "unverified_email": _("Confirm your email address first, then set up two-step sign-in."),
    }
