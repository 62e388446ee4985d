"""The README's run command on the embedded default: web, worker and beat come up and work.

Starts the real Procfile with honcho in a fresh folder (SQLite, file-system broker, emails
in files, an empty home folder), signs up over HTTP, reads the verification email from disk,
and sends a task through the embedded broker to the worker. Then Ctrl+C, as a newcomer
would press it: all three stop quietly and nothing was written outside var/.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def embedded_site(tmp_path):
    """(base URL, environment, var folder, log file, honcho process, home folder)."""
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "CAREERGOALS_VAR_DIR": str(tmp_path / "var"),
        "WEB_PORT": str(port),
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
        "HOME": str(home),
    }
    log = tmp_path / "honcho.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(BIN / "honcho"), "start"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("the run command exited:\n" + log.read_text())
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the site did not answer within 90 s:\n" + log.read_text())
        yield base, env, tmp_path / "var", log, proc, home
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def wait_for(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_embedded_default_runs_web_worker_and_beat(embedded_site):
    base, env, var, log, _proc, _home = embedded_site
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(base + "/") as response:
        assert response.status == 200
        assert "How it works" in response.read().decode()

    # Sign up over HTTP, as a browser would, and find the verification email on disk.
    with opener.open(base + "/accounts/signup/") as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "email": "newcomer@example.org",
            "password1": "a long enough passphrase 9",
            "password2": "a long enough passphrase 9",
            "timezone": "Europe/Berlin",
        }
    ).encode()
    request = urllib.request.Request(base + "/accounts/signup/", data=data)
    request.add_header("Referer", base + "/accounts/signup/")
    with opener.open(request) as response:
        assert response.url.endswith("/accounts/confirm-email/")

    # The worker writes the file while we look: wait for the whole message, not the file.
    def written() -> str:
        return "".join(f.read_text() for f in (var / "mail").glob("*.eml"))

    assert wait_for(lambda: "/accounts/confirm-email/" in written())
    assert len(list((var / "mail").glob("*.eml"))) == 1
    assert "newcomer@example.org" in written()

    # Worker and beat are up; a task travels through the embedded broker to the worker.
    assert wait_for(lambda: "ready." in log.read_text())
    assert wait_for(lambda: "beat: Starting" in log.read_text())
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from careergoals.tasks import clear_expired_sessions; clear_expired_sessions.delay()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    assert wait_for(
        lambda: re.search(
            r"Task careergoals\.tasks\.clear_expired_sessions\[.*\] succeeded", log.read_text()
        ),
        60,
    ), log.read_text()


def descendants(pid: int) -> set[int]:
    """Every process started, directly or not, by ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


NOISE = re.compile(r"WARNING|ERROR|CRITICAL|Traceback|Warning:", re.IGNORECASE)


def test_start_and_ctrl_c_are_quiet(embedded_site):
    base, env, var, log, proc, home = embedded_site
    assert wait_for(lambda: "Career Goals is running at " + base in log.read_text())
    assert wait_for(lambda: "ready." in log.read_text() and "beat: Starting" in log.read_text())

    # One email from the worker, through the broker, as reminders and invitations go out.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import transaction\n"
            "from careergoals.notifications.services import notify\n"
            "with transaction.atomic():\n"
            "    notify(kind='invitation', subject='You are invited', template='invitation',"
            " context={'days': 14}, to_email='friend@example.org')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    assert wait_for(lambda: "friend@example.org" in log.read_text(), 60), log.read_text()
    processes = descendants(proc.pid)
    assert len(processes) >= 3

    # Ctrl+C in the terminal: the terminal sends SIGINT to honcho's process group.
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=20)
    assert wait_for(lambda: not any(alive(pid) for pid in processes), 10), [
        pid for pid in processes if alive(pid)
    ]

    output = log.read_text()
    noise = [line for line in output.splitlines() if NOISE.search(line)]
    assert noise == [], "\n".join(noise)
    assert f"Emails (sign-up links, reminders) are saved in {var / 'mail'}/" in output
    assert "Email to friend@example.org" in output
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
