"""The parts an end-to-end run needs besides the browser: an SMTP sink and a Celery worker."""

import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, seconds: float, step: float = 0.1):
    """Poll ``predicate`` until it returns something truthy or the deadline passes."""
    deadline = time.monotonic() + seconds
    while True:
        found = predicate()
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(step)


class Mailbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[email.message.EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in str(m["To"])]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def links_of(message) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text_of(message))


WORKER_ARGS = (
    *("-A", "careergoals", "worker", "--loglevel", "INFO", "--concurrency", "1"),
    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
)


class Worker:
    """``celery worker`` as production runs it, on a queue of its own; stopped with SIGTERM."""

    def __init__(self, *, env: dict, log_path: Path, name: str):
        self.log_path = log_path
        self.node = f"{name}@{socket.gethostname()}"
        with log_path.open("w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "celery"), *WORKER_ARGS, "--hostname", self.node],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, app, seconds: float) -> None:
        """Until the worker answers a ping addressed to it (it consumes its queue by then)."""

        def answered():
            if self.process.poll() is not None:
                return True
            return bool(app.control.ping(destination=[self.node], timeout=0.5))

        wait_until(answered, seconds)
        if self.process.poll() is not None or not app.control.ping([self.node], timeout=1):
            self.stop()
            raise RuntimeError("the Celery worker did not start:\n" + self.log()[-3000:])

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
