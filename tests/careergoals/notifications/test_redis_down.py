"""With Redis unreachable, sign-in and every action that sends email still work.

Redis here is a loopback port where nothing listens, for the cache (rate limits) and the
Celery broker alike. The database write commits, the email waits in the outbox for the
sweep, the person gets the normal answer; only /healthz says something is wrong.
(tests/faults/ stops and restarts a real Redis around a running site.)
"""

import socket
import threading
import time

import pytest
from django.urls import reverse

from careergoals.celery import app as celery_app
from careergoals.notifications.models import Notification
from careergoals.notifications.services import queue_email
from tests.careergoals.conftest import free_port
from tests.conftest import PASSWORD

# Transactions really commit: the email is queued on commit, inside the request.
pytestmark = pytest.mark.django_db(transaction=True)


def point_redis_at(url: str, settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
    settings.CELERY_BROKER_URL = url
    celery_app.conf.broker_url = url
    celery_app._after_fork()  # what Celery does after a fork: forget pooled connections


@pytest.fixture
def redis_down(settings, redis_url):
    """Cache and broker both pointed at a port where nothing listens, for this test."""
    before = celery_app.conf.broker_url
    point_redis_at(f"redis://127.0.0.1:{free_port()}/0", settings)
    yield
    celery_app.conf.broker_url = before
    celery_app._after_fork()


@pytest.fixture
def redis_stuck(settings, redis_url):
    """A Redis that accepts connections and never answers (a hung server, a full network)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    before = celery_app.conf.broker_url
    point_redis_at(f"redis://127.0.0.1:{listener.getsockname()[1]}/0", settings)
    yield
    celery_app.conf.broker_url = before
    celery_app._after_fork()
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_sign_in_works_and_pages_load(client, ana, redis_down, caplog):
    started = time.monotonic()
    response = client.post(reverse("account_login"), {"login": ana.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    assert client.get(response.url, follow=True).status_code == 200
    assert client.get(reverse("notifications:notifications")).status_code == 200
    assert time.monotonic() - started < 5
    assert "rate limits are off" in caplog.text  # allowed, and logged


def test_wrong_passwords_are_still_refused(client, ana, redis_down):
    response = client.post(reverse("account_login"), {"login": ana.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.text
    assert "_auth_user_id" not in client.session


def test_an_invitation_is_sent_later_not_lost_and_not_an_error(client, ana, redis_down):
    client.force_login(ana)
    started = time.monotonic()
    response = client.post(reverse("buddies:invite"), {"email": "bob@example.org", "message": "Hi"})
    assert response.status_code == 302
    assert response.url == reverse("buddies:buddies")
    assert time.monotonic() - started < 5
    (notification,) = Notification.objects.filter(kind="invitation", to_email="bob@example.org")
    assert notification.email_status == Notification.EmailStatus.PENDING  # for the sweep
    page = client.get(response.url)
    assert "Invitation sent to bob@example.org" in page.text


def test_several_emails_in_one_request_cost_one_broker_timeout(ana, redis_stuck):
    started = time.monotonic()
    results = [queue_email(notification_id=n) for n in range(1, 6)]
    took = time.monotonic() - started
    assert results == [False] * 5  # each left for the sweep
    assert took < 12, f"five emails took {took:.1f}s to give up on"


def test_health_check_says_unavailable(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_a_hung_redis_delays_a_request_by_seconds_not_forever(client, ana, redis_stuck):
    client.force_login(ana)
    started = time.monotonic()
    response = client.post(reverse("buddies:invite"), {"email": "bob@example.org", "message": ""})
    took = time.monotonic() - started
    assert response.status_code == 302
    assert took < 12, f"the request took {took:.1f}s"
    (notification,) = Notification.objects.filter(kind="invitation")
    assert notification.email_status == Notification.EmailStatus.PENDING
