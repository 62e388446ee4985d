import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

log = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth sends during the request: a mail server that says no must not make the
        page fail. The person can ask for the email again; whoever runs the site sees the
        log. (Subjects come from fixed templates, joined onto one line by allauth: no user
        text reaches them.)"""
        try:
            super().send_mail(template_prefix, email, context)
        except (OSError, smtplib.SMTPException, ValueError):
            log.exception("could not send the %s email to %s", template_prefix, email)
