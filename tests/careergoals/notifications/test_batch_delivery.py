"""The sweep's emails go out in batches, each over one connection to a real SMTP server,
with the same failure handling as one at a time: a refusal for good fails that email at
once, a refusal for now is tried again, and the others of the batch are sent."""

import pytest
from aiosmtpd.controller import Controller

from careergoals.notifications.models import Notification
from careergoals.notifications.services import notify
from careergoals.notifications.tasks import send_notifications
from tests.careergoals.conftest import MailServer, free_port

pytestmark = pytest.mark.django_db


class CountingServer(MailServer):
    """Counts connections (one EHLO each) and refuses some addresses: "gone" for good,
    "busy" for now."""

    def __init__(self):
        super().__init__()
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.tries += 1
        if address.startswith("gone"):
            return "550 5.1.1 No such user here"
        if address.startswith("busy"):
            return "421 4.3.2 Service shutting down, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def counting_server(settings):
    server = CountingServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    controller.stop()


def notice(user, to_email=""):
    return notify(
        kind="comment",
        recipient=user,
        to_email=to_email,
        subject="Bob commented on your goal",
        template="invitation_accepted",
        context={"buddy": user},
    )


def test_a_batch_goes_out_over_one_connection(ana, counting_server):
    ids = [notice(ana).pk for _ in range(20)]
    assert send_notifications.apply(args=[ids]).get() == 20
    assert len(counting_server.messages) == 20
    assert counting_server.connections == 1
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"sent"}
    assert send_notifications.apply(args=[ids]).get() == 0  # sent already: never twice
    assert len(counting_server.messages) == 20


def test_a_refusal_in_a_batch_fails_or_retries_that_email_only(ana, counting_server):
    first, gone, busy, last = (
        notice(ana),
        notice(ana, to_email="gone@example.org"),
        notice(ana, to_email="busy@example.org"),
        notice(ana),
    )
    result = send_notifications.apply(args=[[first.pk, gone.pk, busy.pk, last.pk]])
    assert len(counting_server.messages) == 2  # first and last
    for row in (first, gone, busy, last):
        row.refresh_from_db()
    assert first.email_status == last.email_status == "sent"
    assert gone.email_status == "failed" and gone.email_attempts == 1  # never tried again
    assert "refused the address" in gone.email_error
    # Tried again with the task's retries, each try counted; the sweep goes on after that.
    assert busy.email_status == "pending"
    assert busy.email_attempts == 1 + send_notifications.max_retries
    assert result.failed()
