"""Real parts end to end: a Celery worker on Redis, Postgres, and an SMTP server on loopback.

N due reminders give exactly N emails, also when two sweeps run at once; a worker killed
with SIGKILL mid-batch and restarted still delivers every reminder, with one outbox row
each. Duplicated emails can only come from the window between an SMTP send and the row
being marked sent: the test measures and prints how many.
"""

import datetime
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from careergoals.notifications.models import Notification, ScheduledReminder
from goals import reminders
from tests.conftest import need

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Inbox:
    """An SMTP server that keeps what it receives; optionally slow, to widen the batch."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.messages: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt, envelope.content.decode("utf8", "replace")))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def service_env(redis_url, smtp, tmp_path):
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    db = connection.settings_dict
    _, port = smtp
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "careergoals.settings.base",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "SITE_URL": "http://goals.test",
        "SECRET_KEY": "integration-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "CAREERGOALS_VAR_DIR": str(tmp_path / "var"),
        "NOTIFICATION_RESEND_AFTER_SECONDS": "3",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return env


def start_worker(env, log):
    return subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "careergoals",
            "worker",
            "--concurrency",
            "2",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def run_sweep(env) -> subprocess.Popen:
    code = "from careergoals.notifications.sweep import sweep; print('recorded', sweep())"
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def make_due(make_user, make_goal, count, prefix):
    """``count`` people, each with a goal whose 1-day reminder fell due a minute ago."""
    today = timezone.now().date()
    for n in range(count):
        user = make_user(email=f"{prefix}{n}@example.org", display_name=f"{prefix}{n}")
        goal = make_goal(user, target_date=today + datetime.timedelta(days=2))
        reminders.arm_goal(goal)
        (lead_1,) = [p for p in reminders.plan_goal(goal) if p.occurrence.startswith("lead-1:")]
        ScheduledReminder.objects.update_or_create(
            recipient=user,
            kind="deadline",
            item=lead_1.item,
            occurrence=lead_1.occurrence,
            defaults={
                "due_at": timezone.now() - datetime.timedelta(minutes=1),
                "stale_at": lead_1.stale_at,
                "status": "pending",
            },
        )


def test_each_due_reminder_is_emailed_exactly_once(
    service_env, smtp, make_user, make_goal, tmp_path
):
    inbox, _ = smtp
    count = 20
    make_due(make_user, make_goal, count, "due")
    with (tmp_path / "worker.log").open("w") as log:
        worker = start_worker(service_env, log)
        try:
            sweeps = [run_sweep(service_env), run_sweep(service_env)]  # two beats at once
            outputs = [s.communicate(timeout=120)[0] for s in sweeps]
            assert all(s.returncode == 0 for s in sweeps), outputs
            assert wait_until(lambda: inbox.count() >= count, 90), (
                inbox.count(),
                (tmp_path / "worker.log").read_text()[-3000:],
            )
            time.sleep(2)  # anything extra would arrive now
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    recipients = Counter(rcpt for rcpt, _ in inbox.messages)
    assert len(inbox.messages) == count
    assert set(recipients) == {f"due{n}@example.org" for n in range(count)}
    assert all(n == 1 for n in recipients.values())
    assert sum(int(o.split("recorded")[-1]) for o in outputs) == count  # split between sweeps
    assert Notification.objects.filter(kind="deadline", email_status="sent").count() == count
    message = email.message_from_string(inbox.messages[0][1], policy=email.policy.default)
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<http://goals.test/notifications/unsubscribe/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "http://goals.test/goals/" in text


def test_a_killed_worker_loses_nothing(service_env, smtp, make_user, make_goal, tmp_path):
    inbox, _ = smtp
    inbox.delay = 0.4  # each email takes a while, so the kill lands mid-batch
    count = 12
    make_due(make_user, make_goal, count, "kill")
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = start_worker(service_env, log)
        assert run_sweep(service_env).wait(timeout=120) == 0
        assert wait_until(lambda: inbox.count() >= 2, 60), log_path.read_text()[-3000:]
        os.killpg(worker.pid, signal.SIGKILL)  # the whole pool, mid-batch
        worker.wait(timeout=30)
        delivered_before_kill = inbox.count()
        assert delivered_before_kill < count

        inbox.delay = 0.0
        worker = start_worker(service_env, log)
        try:
            time.sleep(4)  # past NOTIFICATION_RESEND_AFTER_SECONDS: the sweep takes over
            for _ in range(10):
                assert run_sweep(service_env).wait(timeout=120) == 0
                if Notification.objects.filter(email_status="pending").count() == 0:
                    break
                time.sleep(3)
            assert wait_until(lambda: len({r for r, _ in inbox.messages}) >= count, 60)
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    recipients = Counter(rcpt for rcpt, _ in inbox.messages)
    assert set(recipients) == {f"kill{n}@example.org" for n in range(count)}
    assert Notification.objects.filter(kind="deadline").count() == count  # one outbox row each
    assert Notification.objects.filter(kind="deadline", email_status="sent").count() == count
    duplicates = sum(n - 1 for n in recipients.values())
    print(f"\nkilled mid-batch after {delivered_before_kill} of {count}; duplicates: {duplicates}")
    assert duplicates <= 2  # at most the sends in flight (concurrency 2) when it died
