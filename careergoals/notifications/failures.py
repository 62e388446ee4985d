"""Which failures to send an email are for good, and how to say why in a line.

For good: the mail server refused the address, the sender or the content with a 5xx
reply, or the message could not even be written (a line break in a header, an address
that can't be encoded). Sending again can't help, so the email fails at once. Anything
else (no connection, a timeout, a 4xx "try later") is worth another try.
"""

import smtplib

from django.core.mail import BadHeaderError

__all__ = ["describe", "is_permanent"]


def _is_5xx(code) -> bool:
    return isinstance(code, int) and 500 <= code < 600


def is_permanent(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(_is_5xx(code) for code in codes)
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return _is_5xx(error.smtp_code)
    return isinstance(error, ValueError)  # BadHeaderError, UnicodeEncodeError, a bad address


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def describe(error: BaseException) -> str:
    """The reason in words an admin can act on, e.g. "The mail server refused ...: 550 ...".

    A log line kept with the email, in English like the mail server's own reply: it is
    written once, away from any reader, so it is not translated."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, reply = next(iter(error.recipients.values()))
        reason = f"The mail server refused the address: {code} {_text(reply)}"  # not shown: a log
    elif isinstance(error, smtplib.SMTPResponseException):
        reason = (
            f"The mail server answered {error.smtp_code} {_text(error.smtp_error)}"  # not shown
        )
    elif isinstance(error, BadHeaderError):
        reason = f"The email could not be written: {error}"  # not shown: a log
    elif isinstance(error, OSError):
        reason = f"Could not reach the mail server: {error.strerror or error}"  # not shown
    else:
        reason = f"{type(error).__name__}: {error}"
    return " ".join(reason.split())
