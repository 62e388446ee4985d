"""The benchmark's parts: pages under load, the reminder sweep, email delivery, write paths.

Each part returns plain dicts for the JSON report; ``benchmark`` (the command) strings them
together. Sizes come from a ``Plan`` so ``--quick`` runs the same code on small data.
"""

import contextlib
import datetime
import io
import json
import logging
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from accountability.services import feed_regenerate
from careergoals.celery import app as celery_app
from careergoals.notifications import sweep as sweep_module
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.users.timezones import user_today
from goals import services as goal_services
from goals.models import Goal, MicroGoal

from . import server
from .urls import BASELINE_PATH, LAYOUT_PATH

TYPICAL = "typical@demo.test"
HEAVY = "heavy@demo.test"


@dataclass
class Plan:
    people: int = 2000
    steps: int = 1_000_000
    sweep_dues: tuple = (100_000, 10_000)  # the largest is seeded, then the rest made not due
    concurrencies: tuple = (1, 8, 32)
    seconds: float = 6
    workers: int = 2
    writes_repeat: int = 20
    sweep_seconds: float = 60  # time box of every sweep case but the last (swept to the end)
    parallel_due: int = 20_000  # swept by one process, then by two at once
    small_steps: int = 100_000  # a second, smaller database: does the table's size matter?
    delivery_timeout: float = 600
    worker_concurrency: int = 2  # as the Procfile runs it
    parts: tuple = ("pages", "writes", "sweep", "delivery")
    seed: bool = True
    log_dir: Path = field(default_factory=lambda: Path(settings.VAR_DIR) / "benchmark")


QUICK = {
    "people": 20,
    "steps": 2_000,
    "sweep_dues": (300, 100),
    "concurrencies": (8,),
    "seconds": 1.5,
    "writes_repeat": 5,
    "sweep_seconds": 30,
    "delivery_timeout": 60,
    "parallel_due": 200,
    "small_steps": 1_000,
}


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    hey_version = ""
    if server.hey_path():
        done = subprocess.run(
            ["/usr/bin/dpkg-query", "-W", "-f=${Version}", "hey"],
            capture_output=True,
            text=True,
            check=False,
        )
        hey_version = done.stdout.strip()
    return {
        "when": timezone.now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu": _cpu_name(),
        "memory_gb": _memory_gb(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgres": postgres,
        "load_generator": f"hey {hey_version}".strip(),
        "note": "the load generator runs on the same cores as gunicorn and Postgres",
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gb() -> float | None:
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return round(kb / 1024 / 1024, 1)


def seed(plan: Plan, *, due: int, log) -> None:
    said = io.StringIO()
    call_command("seed_demo", people=plan.people, steps=plan.steps, due=due, wipe=True, stdout=said)
    log("seed_demo: " + said.getvalue().strip().splitlines()[-1])


# --- Pages ------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str
    user: object = None  # signed in as this person, or anonymous
    headers: dict = field(default_factory=dict)
    expected: tuple = (200,)


def demo_people():
    users = get_user_model().objects
    return users.get(email=TYPICAL), users.get(email=HEAVY)


def session_cookie(user, secret_key: str) -> str:
    """A signed-in session made directly, valid for a server that runs with ``secret_key``."""
    with override_settings(SECRET_KEY=secret_key):
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _feed_path(user) -> str:
    feed = feed_regenerate(user=user)
    return reverse("buddies:calendar_feed_ics", args=[feed.public_id, feed.secret])


def pages_to_measure(typical, heavy) -> list[Page]:
    chart_goal = (
        Goal.objects.filter(owner=typical)
        .annotate(n=Count("check_ins"))
        .order_by("-n", "pk")
        .first()
    )
    feed_typical, feed_heavy = _feed_path(typical), _feed_path(heavy)
    return [
        Page("dashboard, typical", reverse("goals:home"), typical),
        Page("dashboard, heavy", reverse("goals:home"), heavy),
        Page("goal page with chart", reverse("goals:goal_detail", args=[chart_goal.pk]), typical),
        Page("calendar, typical", reverse("buddies:calendar"), typical),
        Page("calendar, heavy", reverse("buddies:calendar"), heavy),
        Page("roadmap, heavy", reverse("goals:roadmap"), heavy),
        Page("buddies page", reverse("buddies:buddies"), typical),
        Page("notification list", reverse("notifications:notifications"), typical),
        Page("iCalendar feed, typical", feed_typical),
        Page("iCalendar feed, heavy", feed_heavy),
        # Headers filled in from the full answer (ETag / Last-Modified) before the run.
        Page("iCalendar feed, heavy, conditional", feed_heavy, expected=(304, 200)),
        Page("sign-in page", reverse("account_login")),
        # Not a page of the site: the layout alone, signed in (the ceiling of the others).
        Page("signed-in layout, nothing in it", "/" + LAYOUT_PATH, typical),
    ]


def conditional_headers(answer_headers: dict) -> dict:
    """What a calendar app sends the second time: the validators the feed gave, if any."""
    lowered = {k.lower(): v for k, v in answer_headers.items()}
    headers = {}
    if "etag" in lowered:
        headers["If-None-Match"] = lowered["etag"]
    headers["If-Modified-Since"] = lowered.get("last-modified") or _http_date(timezone.now())
    return headers


def _http_date(moment) -> str:
    return http_date(moment.timestamp())


def queries_per_request(path: str, user, headers: dict, *, urlconf: str | None = None) -> int:
    """SQL queries of one request, in this process on the same database (after a warm-up)."""
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
    overrides = {"ALLOWED_HOSTS": ["127.0.0.1"]} | ({"ROOT_URLCONF": urlconf} if urlconf else {})
    with override_settings(**overrides):
        client.get(path, **extra)
        with CaptureQueriesContext(connection) as captured:
            client.get(path, **extra)
    return len(captured.captured_queries)


def measure_pages(plan: Plan, report: dict, log) -> None:
    if server.hey_path() is None:
        raise RuntimeError(server.HEY_INSTALL)
    typical, heavy = demo_people()
    secret_key = secrets.token_urlsafe(64)
    queue = f"bench-{connection.settings_dict['NAME']}-{os.getpid()}"
    env = server.child_env(secret_key=secret_key, queue=queue)
    log("collecting static files for production settings ...")
    server.collectstatic(env)
    cookies = {
        typical.pk: session_cookie(typical, secret_key),
        heavy.pk: session_cookie(heavy, secret_key),
    }
    pages = pages_to_measure(typical, heavy)
    baseline_path = f"/{BASELINE_PATH}?id={typical.pk}"
    plan.log_dir.mkdir(parents=True, exist_ok=True)
    gunicorn = server.Gunicorn(
        env=env, workers=plan.workers, log_path=plan.log_dir / "gunicorn.log"
    )
    try:
        gunicorn.wait_ready(baseline_path)
        log(f"gunicorn ({plan.workers} workers) at {gunicorn.url}")
        baseline_size = server.sizes(gunicorn.url + baseline_path, {})
        baseline = {
            "name": "baseline",
            "path": baseline_path,
            "queries": queries_per_request(
                baseline_path, None, {}, urlconf="careergoals.bench.urls"
            ),
            "bytes": baseline_size["bytes"],
            "gzip_bytes": baseline_size["gzip_bytes"],
            "runs": [],
        }
        report["baseline"] = baseline
        report["pages"] = []
        probes = {}

        def probe(page: Page) -> dict:
            """Sizes and queries, once per page, just before its first load (so that the
            workers' peak memory grows page by page, in the order of the table)."""
            if page.name not in probes:
                headers = {"Cookie": cookies[page.user.pk]} if page.user else {}
                if page.name.endswith("conditional"):
                    headers |= conditional_headers(probes["iCalendar feed, heavy"]["headers"])
                page.headers = headers
                probes[page.name] = server.sizes(gunicorn.url + page.path, headers)
                probes[page.name]["queries"] = queries_per_request(
                    page.path, page.user, {k: v for k, v in headers.items() if k != "Cookie"}
                )
            return probes[page.name]

        for concurrency in plan.concurrencies:
            load = server.hey(
                gunicorn.url + baseline_path,
                headers={},
                concurrency=concurrency,
                seconds=plan.seconds,
            )
            run = _row("baseline", concurrency, plan, load, (200,), gunicorn)
            baseline["runs"].append(run)
            log(f"baseline c={concurrency}: {run['rps']} req/s")
            for page in pages:
                found = probe(page)
                load = server.hey(
                    gunicorn.url + page.path,
                    headers=page.headers,
                    concurrency=concurrency,
                    seconds=plan.seconds,
                )
                row = _row(page.name, concurrency, plan, load, page.expected, gunicorn)
                row |= {
                    "ratio_to_baseline": round(row["rps"] / run["rps"], 3) if run["rps"] else None,
                    "queries": found["queries"],
                    "bytes": found["bytes"],
                    "gzip_bytes": found["gzip_bytes"],
                    "gzip_by_site": found["gzip_by_site"],
                    "probe_status": found["status"],
                    "path": page.path if "feeds/" not in page.path else "/feeds/…ics",
                }
                if page.name.endswith("conditional"):
                    row["conditional_headers"] = sorted(k for k in page.headers if k != "Cookie")
                report["pages"].append(row)
                log(
                    f"{page.name} c={concurrency}: {row['rps']} req/s ({row['ratio_to_baseline']}x)"
                )
    finally:
        gunicorn.stop()


def _row(name: str, concurrency: int, plan: Plan, load, expected: tuple, gunicorn) -> dict:
    unexpected = sum(n for code, n in load.statuses.items() if code not in expected)
    return {
        "name": name,
        "concurrency": concurrency,
        "workers": plan.workers,
        "rps": load.rps,
        "p50_ms": load.p50_ms,
        "p95_ms": load.p95_ms,
        "p99_ms": load.p99_ms,
        "errors": unexpected + load.transport_errors,
        "statuses": {str(code): n for code, n in sorted(load.statuses.items())},
        "rss_mb": gunicorn.peak_rss_mb(),
    }


# --- Writes -----------------------------------------------------------------------------


def _timed(action) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
    return elapsed * 1000, len(captured.captured_queries)


def measure_writes(plan: Plan, report: dict, log) -> None:
    """Each write through its service, as the views call it: median ms and the most queries."""
    _, heavy = demo_people()
    goal = (
        Goal.objects.filter(owner=heavy, target__isnull=False, baseline__isnull=False)
        .order_by("pk")
        .first()
        or Goal.objects.filter(owner=heavy).order_by("pk").first()
    )
    existing = goal.micro_goals.count()
    for n in range(existing, 50):
        goal_services.micro_goal_create(goal=goal, title=f"Benchmark step {n + 1}")
    steps = list(goal.micro_goals.order_by("position")[:1])
    today = user_today(heavy)
    tick = {"state": MicroGoal.Status.DONE}

    def add_step():
        goal_services.micro_goal_create(goal=goal, title=f"Benchmark step {uuid.uuid4().hex[:6]}")

    def tick_step():
        goal_services.micro_goal_set_status(micro_goal=steps[0], status=tick["state"])
        tick["state"] = (
            MicroGoal.Status.TODO
            if tick["state"] == MicroGoal.Status.DONE
            else MicroGoal.Status.DONE
        )

    def add_check_in():
        goal_services.check_in_create(goal=goal, value=Decimal("1"), recorded_on=today)

    def edit_goal():
        goal.refresh_from_db()
        goal_services.goal_update(goal=goal, statement=f"Benchmark goal {uuid.uuid4().hex[:6]}")

    actions = [
        ("add a step", add_step),
        ("tick a step", tick_step),
        ("edit a goal with 50 steps", edit_goal),
    ]
    if getattr(goal, "has_metric", False):
        actions.insert(2, ("add a check-in", add_check_in))
    report["writes"] = []
    for name, action in actions:
        action()  # warm-up
        timings = [_timed(action) for _ in range(plan.writes_repeat)]
        row = {
            "name": name,
            "ms": round(statistics.median(ms for ms, _ in timings), 1),
            "queries": max(q for _, q in timings),
            "repeat": plan.writes_repeat,
            "steps_in_goal": goal.micro_goals.count(),
        }
        report["writes"].append(row)
        log(f"write {name}: {row['ms']} ms, {row['queries']} queries")
    if len(actions) == 3:
        report["writes"].append(
            {
                "name": "add a check-in",
                "ms": None,
                "queries": None,
                "note": "no seeded goal of the heavy person has a measure",
            }
        )


# --- Sweep and delivery --------------------------------------------------------------------


def _due(now):
    return ScheduledReminder.objects.filter(
        status=ScheduledReminder.Status.PENDING, due_at__lte=now
    )


class _Rollback(Exception):
    pass


def claim_plan(now) -> dict:
    """EXPLAIN of the claim query exactly as the sweep sends it (captured, then rolled back)."""
    captured = None
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            sweep_module.sweep_reminders(now=now, batch=sweep_module.BATCH)
            raise _Rollback
    except _Rollback:
        pass
    claim = next(
        (q["sql"] for q in captured.captured_queries if "SKIP LOCKED" in q["sql"].upper()), None
    )
    if claim is None:
        return {"plan": None, "plan_text": "the claim query was not found"}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + claim)
        lines = [row[0] for row in cursor.fetchall()]
    # The scan nodes that read the reminders: the table, or an index of it.
    names = [ScheduledReminder._meta.db_table] + [i.name for i in ScheduledReminder._meta.indexes]
    scans = [
        re.sub(r"\s+\(cost=.*$", "", line).strip(" ->")
        for line in lines
        if "Scan" in line and any(f" {name} " in f"{line} " for name in names)
    ]
    return {"plan": " / ".join(scans) or None, "plan_text": "\n".join(lines)}


def purge(queue: str) -> None:
    # A queue that does not exist yet has nothing to purge.
    with celery_app.connection_for_write() as conn, contextlib.suppress(Exception):
        conn.default_channel.queue_purge(queue)


PARKED = datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)  # pending, not due, put back later


COMPLETE_WITHIN = 900  # seconds: even a sweep meant to finish stops here


def _make_due(due: int):
    """Exactly ``due`` of the pending reminders due now (the others parked); the moment."""
    now = timezone.now()
    ScheduledReminder.objects.filter(status=ScheduledReminder.Status.PENDING, due_at=PARKED).update(
        due_at=now - datetime.timedelta(minutes=1)
    )
    ids = list(_due(now).order_by("due_at", "pk").values_list("pk", flat=True))
    later = ids[due:]
    for start in range(0, len(later), 10_000):
        ScheduledReminder.objects.filter(pk__in=later[start : start + 10_000]).update(due_at=PARKED)
    return timezone.now()


def sweep_case(total: int, due: int, box: float | None, log) -> dict:
    """Exactly ``due`` reminders due (the others parked), then the sweep, timed: all of them
    through ``sweep()`` when ``box`` is None, else batches until ``box`` seconds have passed."""
    now = _make_due(due)
    due_now = _due(now).count()
    plan_node = claim_plan(now)
    recorded, calls = 0, 0
    started = time.perf_counter()
    while _due(now).exists():
        if box is None:  # to the end, through the minute beat's entry point
            recorded += sweep_module.sweep(now=now)
        else:  # a batch at a time, so that the time box is kept
            recorded += sweep_module.sweep_reminders(now=now)
        calls += 1
        if time.perf_counter() - started >= (box or COMPLETE_WITHIN):
            break
    seconds = time.perf_counter() - started
    left = _due(now).count()
    row = {
        "total": total,
        "due": due_now,
        "handled": due_now - left,
        "recorded": recorded,
        "complete": left == 0,
        "entry_point": "sweep()" if box is None else "sweep_reminders() (one batch a call)",
        "entry_point_calls": calls,
        "seconds": round(seconds, 2),
        "per_second": round(recorded / seconds, 1) if seconds else None,
        **plan_node,
    }
    log(f"sweep {total} steps, {due_now} due: {row['per_second']} recorded/s ({row['plan']})")
    return row


def sweep_in_child(until: str, seconds: float, start_at: float) -> None:
    """Run in a process of its own (``manage.py shell -c``): from the moment ``start_at``
    (so that processes started together begin together, whatever their start-up took),
    sweep batches of what is due at ``until`` until nothing is left or ``seconds`` have
    passed; print what it did as JSON."""
    now = datetime.datetime.fromisoformat(until)
    logging.getLogger(sweep_module.__name__).setLevel(logging.WARNING)
    _due(now).exists()  # connected before the start
    time.sleep(max(0.0, start_at - time.time()))
    recorded, started = 0, time.time()
    while _due(now).exists() and time.time() - started < seconds:
        recorded += sweep_module.sweep_reminders(now=now)
    print(json.dumps({"recorded": recorded, "started": started, "ended": time.time()}))


def _sweeping_processes(count: int, now, *, env: dict, seconds: float) -> dict:
    """``count`` processes sweeping the same due reminders at once (SKIP LOCKED shares them)."""
    start_at = time.time() + 15  # time enough for every process to start, even under load
    code = (
        "from careergoals.bench.run import sweep_in_child; "
        f"sweep_in_child({now.isoformat()!r}, {seconds!r}, {start_at!r})"
    )
    children = [
        subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=server.ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    said = [
        json.loads(child.communicate(timeout=seconds + 120)[0].strip().splitlines()[-1])
        for child in children
    ]
    recorded = sum(one["recorded"] for one in said)
    wall = max(one["ended"] for one in said) - min(one["started"] for one in said)
    return {
        "processes": count,
        "recorded": recorded,
        "seconds": round(wall, 2),
        "per_second": round(recorded / wall, 1) if wall else None,
    }


def measure_parallel_sweep(plan: Plan, report: dict, *, queue: str, log) -> None:
    """The same number of due reminders swept by one process, then by two at once."""
    env = server.child_env(secret_key=secrets.token_urlsafe(64), queue=queue)
    rows = []
    for count in (1, 2):
        now = _make_due(plan.parallel_due)
        row = {"due": _due(now).count()} | _sweeping_processes(
            count, now, env=env, seconds=plan.sweep_seconds
        )
        rows.append(row)
        log(f"sweep by {count} process(es), {row['due']:,} due: {row['per_second']} recorded/s")
        purge(queue)
    one, two = rows[0]["per_second"], rows[1]["per_second"]
    report["sweep_parallel"] = {
        "rows": rows,
        "two_over_one": round(two / one, 2) if one and two else None,
    }


def measure_small_table_sweep(plan: Plan, report: dict, *, due: int, queue: str, log) -> None:
    """The sweep's cost against the table's size: the same number due in a database seeded
    with a tenth of the steps (made, migrated and seeded here, dropped after)."""
    name = f"{connection.settings_dict['NAME']}_small"
    env = server.child_env(secret_key=secrets.token_urlsafe(64), queue=queue)
    env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:  # autocommit: outside any transaction
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        manage = [sys.executable, "manage.py"]
        run_quiet = {"cwd": server.ROOT, "env": env, "check": True, "capture_output": True}
        subprocess.run([*manage, "migrate", "--verbosity", "0"], **run_quiet)  # noqa: S603
        seeded = subprocess.run(  # noqa: S603
            [
                *manage,
                "seed_demo",
                "--people",
                str(max(4, plan.people // 10)),
                "--steps",
                str(plan.small_steps),
                "--due",
                str(due),
                "--wipe",
                "--force",
            ],
            **run_quiet,
            text=True,
        )
        # What was made ("people=… steps=1000123 … due=10000"): the named people's fixed
        # shapes can add to the steps asked for.
        made = dict(re.findall(r"(\w+)=(\d+)", seeded.stdout.strip().splitlines()[-1]))
        now = timezone.now() + datetime.timedelta(minutes=1)
        row = _sweeping_processes(1, now, env=env, seconds=plan.sweep_seconds)
    finally:
        connection.close()  # nothing of ours may hold the database while it is dropped
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        purge(queue)
    row |= {"total": int(made["steps"]), "due": int(made["due"])}
    log(f"sweep {row['total']:,} steps, {row['due']:,} due: {row['per_second']} recorded/s")
    big = next((r for r in report["sweep"] if r["due"] == due), None)
    report["sweep_small_table"] = row | {
        "large_per_second": big and big["per_second"],
        "large_over_small": round(big["per_second"] / row["per_second"], 2)
        if big and big["per_second"] and row["per_second"]
        else None,
    }


def measure_sweep_and_delivery(plan: Plan, report: dict, log) -> None:
    """Sweep cases from the most due down; the last case's emails are then delivered."""
    queue = f"bench-{connection.settings_dict['NAME']}-{os.getpid()}"
    before = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    logging.getLogger(sweep_module.__name__).setLevel(logging.WARNING)  # a line per batch
    try:
        report["sweep"] = []
        total = MicroGoal.objects.count()
        dues = sorted(plan.sweep_dues, reverse=True)
        for due in dues:
            purge(queue)
            started = timezone.now()
            # The last case is swept to the end: its emails are the ones delivery sends.
            box = None if due == dues[-1] else plan.sweep_seconds
            # Emails an earlier case queued are not "stuck": sweep() must not resend them
            # here, in this process, while it is timed.
            with override_settings(NOTIFICATION_RESEND_AFTER_SECONDS=10**9):
                report["sweep"].append(sweep_case(total, due, box, log))
        if "delivery" in plan.parts:
            report["delivery"] = deliver(plan, queue=queue, since=started, log=log)
        if "sweep" in plan.parts:
            purge(queue)
            measure_parallel_sweep(plan, report, queue=queue, log=log)
            measure_small_table_sweep(plan, report, due=dues[-1], queue=queue, log=log)
    finally:
        purge(queue)
        celery_app.conf.task_default_queue = before


def deliver(plan: Plan, *, queue: str, since, log) -> dict:
    """The emails the last sweep queued, sent by a real worker to a local SMTP sink."""
    waiting = Notification.objects.filter(
        email_status=Notification.EmailStatus.PENDING, created_at__gte=since
    ).count()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line per command
    sink = server.Sink()
    env = server.child_env(
        secret_key=secrets.token_urlsafe(64),
        queue=queue,
        extra={"EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"},
    )
    plan.log_dir.mkdir(parents=True, exist_ok=True)
    worker = server.CeleryWorker(
        env=env,
        queue=queue,
        concurrency=plan.worker_concurrency,
        log_path=plan.log_dir / "worker.log",
    )
    try:
        worker.wait_ready(celery_app)
        ready = time.monotonic()
        deadline = ready + plan.delivery_timeout
        while sink.count < waiting and time.monotonic() < deadline:
            time.sleep(0.2)
        # The emails wait in the queue: the worker starts sending while it is still saying
        # it is ready. The clock starts at whichever came first, its first email or ready.
        started = min(sink.first_at or ready, ready)
        seconds = (sink.last_at or time.monotonic()) - started
    finally:
        worker.stop()
        sink.stop()
    row = {
        "emails": sink.count,
        "queued": waiting,
        "complete": sink.count >= waiting,
        "worker_concurrency": plan.worker_concurrency,
        "seconds": round(seconds, 2),
        "per_second": round(sink.count / seconds, 1) if seconds > 0 else None,
    }
    log(f"delivery: {row['emails']} emails in {row['seconds']} s")
    return row


# --- The table ------------------------------------------------------------------------------


COLUMNS = (
    ("page", 38),
    ("c", 3),
    ("req/s", 8),
    ("ratio", 6),
    ("p50", 7),
    ("p95", 7),
    ("p99", 7),
    ("err", 4),
    ("q", 3),
    ("bytes", 8),
    ("gzip", 7),
    ("rss MB", 7),
)


def _line(values) -> str:
    first, *rest = zip(values, COLUMNS, strict=True)
    return f"{first[0][:38]:38} " + " ".join(f"{value:>{width}}" for value, (_, width) in rest)


def table(report: dict) -> str:
    lines = []
    baseline = report.get("baseline")
    if baseline:
        lines.append(_line([name for name, _ in COLUMNS]))
        rows = [
            dict(
                run,
                ratio_to_baseline=1.0,
                queries=baseline["queries"],
                bytes=baseline["bytes"],
                gzip_bytes=baseline["gzip_bytes"],
            )
            for run in baseline["runs"]
        ]
        for row in rows + report.get("pages", []):
            lines.append(
                _line(
                    [
                        row["name"],
                        row["concurrency"],
                        row["rps"],
                        _f(row["ratio_to_baseline"], 2),
                        _f(row["p50_ms"]),
                        _f(row["p95_ms"]),
                        _f(row["p99_ms"]),
                        row["errors"],
                        row["queries"],
                        row["bytes"],
                        row["gzip_bytes"],
                        _f(row["rss_mb"]),
                    ]
                )
            )
    for row in report.get("sweep", []):
        boxed = "" if row["complete"] else " (time box reached)"
        lines.append(
            f"sweep: {row['total']:,} steps, {row['due']:,} due: {row['recorded']:,} recorded in "
            f"{row['seconds']} s = {row['per_second']}/s{boxed}; claim: {row['plan']}"
        )
    parallel = report.get("sweep_parallel")
    if parallel:
        one, two = parallel["rows"]
        lines.append(
            f"sweep, {one['due']:,} due: one process {one['per_second']}/s, two at once "
            f"{two['per_second']}/s = {parallel['two_over_one']}x"
        )
    small = report.get("sweep_small_table")
    if small:
        lines.append(
            f"sweep, {small['due']:,} due among {small['total']:,} steps: {small['per_second']}/s "
            f"(the large table: {small['large_per_second']}/s = {small['large_over_small']}x)"
        )
    delivery = report.get("delivery")
    if delivery:
        lines.append(
            f"delivery: {delivery['emails']:,} of {delivery['queued']:,} emails in "
            f"{delivery['seconds']} s = {delivery['per_second']}/s"
        )
    for row in report.get("writes", []):
        lines.append(f"write: {row['name']}: {_f(row['ms'])} ms, {row['queries']} queries")
    return "\n".join(lines)


def _f(value, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"
