"""A real SMTP server on loopback that answers what a test tells it to (250, 451, 550 ...)."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailServer:
    """Keeps what it accepts; ``mail_reply``, ``rcpt_reply`` or ``data_reply`` refuse instead."""

    def __init__(self):
        self.mail_reply = "250 OK"
        self.rcpt_reply = "250 OK"
        self.data_reply = "250 OK"
        self.messages: list[bytes] = []
        self.tries = 0  # every message offered, accepted or not
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if not self.mail_reply.startswith("250"):
            return self.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.tries += 1
        if not self.rcpt_reply.startswith("250"):
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if not self.data_reply.startswith("250"):
            return self.data_reply
        with self.lock:
            self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def mail_server(settings):
    """Django sends through real SMTP to this server for the length of the test."""
    server = MailServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    controller.stop()


@pytest.fixture
def no_mail_server(settings):
    """SMTP settings pointing at a loopback port where nothing listens: connection refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
