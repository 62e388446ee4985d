"""The processes the benchmark starts: gunicorn, the load generator, a Celery worker, an SMTP
sink. Each is stopped by its own process group; nothing outlives the run."""

import gzip
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

BIN = Path(sys.executable).parent
ROOT = Path(settings.BASE_DIR)
SETTINGS_MODULE = "careergoals.bench.settings"
HEY_INSTALL = "hey (the load generator) is missing: install it with `sudo apt-get install -y hey`."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The database this process uses, for the processes it starts (a test database too)."""
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def child_env(*, secret_key: str, queue: str, extra: dict | None = None) -> dict:
    """Production settings over plain http on loopback, on this process's database and Redis."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "SECURE_HSTS_SECONDS": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "CONN_MAX_AGE": "600",  # persistent connections, as a production site runs
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CAREERGOALS_VAR_DIR": str(settings.VAR_DIR),
        "CAREERGOALS_BENCH_QUEUE": queue,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return env | (extra or {})


def stop_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def collectstatic(env: dict) -> None:
    """Production serves hashed, compressed files from STATIC_ROOT: collect them first."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Gunicorn:
    """gunicorn on loopback with the benchmark's settings, N sync workers."""

    def __init__(self, *, env: dict, workers: int, log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        with log_path.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(BIN / "gunicorn"),
                    "careergoals.wsgi:application",
                    f"--bind=127.0.0.1:{self.port}",
                    f"--workers={workers}",
                    "--worker-class=sync",
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, path: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start:\n" + self.log_path.read_text()[-3000:])

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def peak_rss_mb(self) -> float | None:
        """The highest peak resident size (VmHWM) among the workers, in MB."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if found:
                peaks.append(int(found.group(1)) / 1024)
        return round(max(peaks), 1) if peaks else None

    def stop(self) -> None:
        stop_group(self.process)


@dataclass
class Fetched:
    status: int
    headers: dict
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict) -> Fetched:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with _opener.open(request, timeout=60) as answer:
            return Fetched(answer.status, dict(answer.headers), answer.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, dict(error.headers), error.read())


def sizes(url: str, headers: dict) -> dict:
    """Response bytes as sent, and gzipped: as the site sends it, or computed if it does not."""
    plain = fetch(url, headers)
    zipped = fetch(url, {**headers, "Accept-Encoding": "gzip"})
    site_gzips = zipped.headers.get("Content-Encoding", "") == "gzip"
    return {
        "status": plain.status,
        "bytes": len(plain.body),
        "gzip_bytes": (
            len(zipped.body) if site_gzips or not plain.body else len(gzip.compress(plain.body, 6))
        ),
        "gzip_by_site": site_gzips,
        "headers": plain.headers,
    }


def hey_path() -> str | None:
    return shutil.which("hey")


@dataclass
class Load:
    rps: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    statuses: dict = field(default_factory=dict)
    transport_errors: int = 0


def _seconds_to_ms(text: str | None) -> float | None:
    return round(float(text) * 1000, 1) if text is not None else None


def parse_hey(output: str) -> Load:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    percent = dict(re.findall(r"^\s+(\d+)% in ([\d.]+) secs", output, re.M))
    statuses = {
        int(code): int(n) for code, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", output)
    }
    errors_part = output.split("Error distribution:", 1)
    transport = 0
    if len(errors_part) == 2:
        transport = sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s", errors_part[1], re.M))
    # hey prints a percentile only once it has 100/(100-p) answers; below that, the
    # slowest answer is that percentile (nearest rank).
    slowest = re.search(r"Slowest:\s+([\d.]+) secs", output)
    slowest = slowest.group(1) if slowest and statuses else None
    return Load(
        rps=round(float(rps.group(1)), 1) if rps else 0.0,
        p50_ms=_seconds_to_ms(percent.get("50", slowest)),
        p95_ms=_seconds_to_ms(percent.get("95", slowest)),
        p99_ms=_seconds_to_ms(percent.get("99", slowest)),
        statuses=statuses,
        transport_errors=transport,
    )


def hey(url: str, *, headers: dict, concurrency: int, seconds: float) -> Load:
    command = [hey_path() or "hey", "-z", f"{seconds}s", "-c", str(concurrency)]
    command += ["-disable-redirects", "-t", "30"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=False, timeout=seconds + 120
    )
    return parse_hey(done.stdout)


class Sink:
    """A local SMTP server (aiosmtpd) that counts what it receives, when the first and the
    last came."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.count = 0
        self.first_at = 0.0
        self.last_at = 0.0
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        self.port = self.controller.port

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last_at = time.monotonic()
            self.first_at = self.first_at or self.last_at
        return "250 OK"

    def stop(self) -> None:
        self.controller.stop()


class CeleryWorker:
    """``celery worker`` as the Procfile runs it, on the benchmark's own queue."""

    def __init__(self, *, env: dict, queue: str, concurrency: int, log_path: Path):
        self.node = f"{queue}@{socket.gethostname()}"
        self.log_path = log_path
        with log_path.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(BIN / "celery"),
                    *("--app", "careergoals", "worker", "--loglevel", "WARNING"),
                    *("--concurrency", str(concurrency), "--queues", queue),
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                    *("--hostname", self.node),
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, app, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            if app.control.ping(destination=[self.node], timeout=0.5):
                return
        self.stop()
        raise RuntimeError("the Celery worker did not start:\n" + self.log_path.read_text()[-3000:])

    def stop(self) -> None:
        stop_group(self.process)
