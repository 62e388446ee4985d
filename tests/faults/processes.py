"""The app's own processes (gunicorn, a Celery worker, Celery beat) and a small HTTP client.

Every process gets its own session, so a test can SIGKILL a whole worker pool at once, and
all of them are ended when the test ends.
"""

import contextlib
import fcntl
import http.cookiejar
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

from .services import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SECRET = "fault-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF"


def app_env(*, database_url: str, redis_url: str, smtp_port: int, var_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "careergoals.settings.base",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SITE_URL": "http://goals.test",
        "SECRET_KEY": SECRET,
        "CAREERGOALS_VAR_DIR": str(var_dir),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
    }
    return env | {key: str(value) for key, value in extra.items()}


class Processes:
    """Starts processes in their own sessions and ends every one of them at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.running: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("a")
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.running.append(process)
        return process

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def kill(self, process: subprocess.Popen, sig=signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in reversed(self.running):
            if process.poll() is None:
                self.kill(process, signal.SIGTERM)

    def web(self, env: dict) -> str:
        """``manage.py serve`` (migrate, collectstatic, gunicorn); returns the base URL."""
        port = free_port()
        self.start("web", [sys.executable, "manage.py", "serve", "--port", str(port)], env)
        base = f"http://127.0.0.1:{port}"
        if not wait_until(lambda: "Listening at" in self.log("web"), 90):
            raise RuntimeError("the web server did not start:\n" + self.log("web")[-3000:])
        return base

    def worker(self, env: dict, concurrency: int = 2) -> subprocess.Popen:
        args = [str(BIN / "celery"), "-A", "careergoals", "worker", "--loglevel", "INFO",
                "--concurrency", str(concurrency),
                "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
        return self.start("worker", args, env)

    def beat(self, env: dict, name: str) -> subprocess.Popen:
        schedule = self.folder / f"{name}-schedule"
        args = [str(BIN / "celery"), "-A", "careergoals", "beat", "--loglevel", "INFO",
                "--schedule", str(schedule)]  # fmt: skip
        return self.start(name, args, env)

    def manage(self, env: dict, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout


class _KeepErrors(urllib.request.HTTPErrorProcessor):
    """Hand back 4xx and 5xx responses instead of raising; redirects are still followed."""

    def http_response(self, request, response):
        if response.status >= 400:
            return response
        return super().http_response(request, response)


class Visitor:
    """A person's browser over plain HTTP: cookies, CSRF token, the status of every answer."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _KeepErrors()
        )
        self.answers: list[tuple[str, str, int]] = []

    def _csrf(self) -> str:
        for cookie in self.cookies:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def open(self, method: str, path: str, data: dict | None = None, timeout: float = 15):
        body = None
        request = urllib.request.Request(self.base + path, method=method)
        if method == "POST":
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": self._csrf(), **(data or {})})
            request.data = body.encode()
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, text = response.status, response.read().decode("utf8", "replace")
                headers = dict(response.headers)
        except urllib.error.HTTPError as error:  # a redirect to an error page
            status, text, headers = error.code, error.read().decode("utf8", "replace"), {}
        self.answers.append((method, path, status))
        return status, text, headers

    def get(self, path: str):
        return self.open("GET", path)

    def post(self, path: str, data: dict | None = None):
        return self.open("POST", path, data)

    def sign_in(self, email: str, password: str) -> int:
        self.get("/accounts/login/")
        status, text, _ = self.post("/accounts/login/", {"login": email, "password": password})
        return status if "Sign out" in text else 400  # 400: the form came back


def record_figures(**figures) -> dict:
    """Print the figures and merge them into ``var/fault-figures.json`` (safe under ``-n``)."""
    print("\nfault figures:", json.dumps(figures, sort_keys=True))
    path = Path(settings.VAR_DIR) / "fault-figures.json"
    with path.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        text = handle.read()
        current = json.loads(text) if text.strip() else {}
        current |= figures | {"recorded_at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(current, indent=2, sort_keys=True) + "\n")
    return current
