import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

log = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
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
        """allauth sends during the request: a mail server that says no must not make the
        page fail. The person can ask for the email again; whoever runs the site sees the
        log. (Subjects come from fixed templates, joined onto one line by allauth: no user
        text reaches them.)"""
        context = {"SITE_NAME": settings.SITE_NAME, **context}  # also outside a request
        try:
            super().send_mail(template_prefix, email, context)
        except (OSError, smtplib.SMTPException, ValueError):
            log.exception("could not send the %s email to %s", template_prefix, email)
