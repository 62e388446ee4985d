"""End-to-end fixtures: a live server on loopback against Postgres and Redis, a real Celery
worker that sends through an SMTP sink, and two people, each in a browser context of their own.

Every email a journey reads comes from the sink, sent by the worker process. Everything the
people do goes through Chromium; only the starting point (who exists, who is whose buddy,
which goals they have) is set up through the services.
"""

import datetime
import logging
import os
import re
import types

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accountability import services as buddy_services
from careergoals.celery import app as celery_app
from careergoals.notifications.models import Notification
from goals.models import Goal
from tests.browser.conftest import browser  # noqa: F401 - the same Chromium, reused here
from tests.conftest import PASSWORD, need

from .services import BIN, ROOT, Mailbox, Worker, free_port, wait_until

MAIL_SECONDS = 30  # the longest a journey waits for the worker to deliver one email
BERLIN = "Europe/Berlin"
RULES = "Ana: lead two client projects. Bob: pass the AWS exam."
BROWSER_TIMEOUT_MS = 10_000  # a missing element fails the journey in seconds, not half a minute


@pytest.fixture(scope="package")
def mailbox():
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line per command
    sink = Mailbox()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture(scope="package")
def worker(django_db_setup, live_server, mailbox, tmp_path_factory):
    """One worker for the whole package, on the test database, Redis and the SMTP sink."""
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    need(bool(settings.REDIS_URL), "needs Redis (REDIS_URL)")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    queue = f"e2e-{db['NAME']}-{os.getpid()}"
    folder = tmp_path_factory.mktemp("e2e-worker")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.e2e.worker_settings",
        "CAREERGOALS_E2E_QUEUE": queue,
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
        "SITE_URL": live_server.url,
        "SECRET_KEY": settings.SECRET_KEY,
        "CAREERGOALS_VAR_DIR": str(folder / "var"),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    running = Worker(env=env, log_path=folder / "worker.log", name=queue)
    # The live server runs in this process: its tasks go to the worker's queue.
    before = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        running.wait_ready(celery_app, 60)
        yield running
    finally:
        celery_app.conf.task_default_queue = before
        running.stop()


@pytest.fixture(autouse=True)
def e2e_site(settings, live_server, worker, mailbox):
    """Links in emails point at the live server; mail the web process sends goes to the sink."""
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", mailbox.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    mailbox.clear()
    yield
    # Let the worker finish what this journey queued, so that no email of it reaches the
    # next one and no send holds a row while the tables are emptied.
    wait_until(lambda: not Notification.objects.filter(email_status="pending").exists(), 15)


@pytest.fixture
def wait_for_email(mailbox, worker):
    """The first email to ``to`` whose subject matches, within a bounded wait."""

    def wait(to: str, subject: str | re.Pattern, seconds: float = MAIL_SECONDS):
        pattern = subject if isinstance(subject, re.Pattern) else re.compile(re.escape(subject))

        def found():
            return next((m for m in mailbox.to(to) if pattern.search(str(m["Subject"]))), None)

        message = wait_until(found, seconds)
        assert message is not None, (
            f"no email to {to} matching {pattern.pattern!r} within {seconds}s; "
            f"got {[str(m['Subject']) for m in mailbox.messages]}\n"
            f"worker log:\n{worker.log()[-2500:]}"
        )
        return message

    return wait


@pytest.fixture
def sign_in(browser, live_server):  # noqa: F811
    """A person signs in, in a browser context of their own."""
    contexts = []

    def open_as(email: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
        page.get_by_role("button", name=re.compile(r"^sign in$", re.I)).click()
        page.wait_for_url(re.compile(r"/home/$"))
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def people(make_user, make_goal):
    """Ana and Bob in Berlin, buddies who agreed on their rules, each with a goal shared
    with the other."""
    now = timezone.now()
    ana = make_user(email="ana@example.org", display_name="Ana", timezone=BERLIN, welcomed_at=now)
    bob = make_user(email="bob@example.org", display_name="Bob", timezone=BERLIN, welcomed_at=now)
    partnership = buddy_services.partnership_create(a=ana, b=bob)
    agreement = buddy_services.agreement_save(
        partnership=partnership,
        by=ana,
        working_toward=RULES,
        support="A message every Friday; honest feedback.",
        cadence="weekly",
        # Three days on: no check-in prompt falls in a journey's "what is due now" sweeps.
        check_in_day=(timezone.localdate().weekday() + 3) % 7,
    )
    for person in (ana, bob):
        buddy_services.agreement_confirm(agreement=agreement, by=person, version=agreement.version)
    next_month = (timezone.localdate() + datetime.timedelta(days=40)).replace(day=1)
    ana_goal = make_goal(
        ana,
        statement="Lead two client projects end to end",
        target_date=next_month.replace(day=12),
    )
    bob_goal = make_goal(
        bob,
        statement="Pass the AWS Solutions Architect exam",
        target_date=next_month.replace(day=20),
        metric_name="Practice exams passed",
        metric_unit="exams",
        target=3,
        relevance="The certificate opens the cloud team to me.",
    )
    for goal in (ana_goal, bob_goal):
        buddy_services.goal_set_visibility(goal=goal, visibility=Goal.Visibility.BUDDIES)
    return types.SimpleNamespace(
        ana=ana,
        bob=bob,
        partnership=partnership,
        ana_goal=ana_goal,
        bob_goal=bob_goal,
        rules=RULES,
    )
