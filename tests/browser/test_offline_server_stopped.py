"""Offline for real: the app's own server is stopped, and the installed app still opens,
on the offline page the service worker kept, styled, with nothing of anyone's."""

import os
import subprocess
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.test_run_command import BIN, ROOT, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def wait_for(url: str, server, log) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)


def test_with_the_server_stopped_the_app_opens_on_its_offline_page(browser, tmp_path):
    # Its own server on the embedded default, so that stopping it stops nothing else.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY"}
    } | {"CAREERGOALS_VAR_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1"}
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=180)
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    context = browser.new_context()
    try:
        wait_for(base + "/", server, log)
        page = context.new_page()
        page.goto(base + "/")
        page.evaluate("() => navigator.serviceWorker.ready")
        # The worker has kept its shell once the offline page is in its cache.
        page.wait_for_function(
            "() => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)"
            ".then(c => c.match('/offline/'))))).then(found => found.some(Boolean))"
        )
        server.terminate()
        server.wait(timeout=20)
        with pytest.raises(OSError):
            urllib.request.urlopen(base + "/", timeout=5)  # nobody answers any more

        page.goto(base + "/home/")
        expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
        colour = page.get_by_role("link", name="Try again").evaluate(
            "a => getComputedStyle(a).backgroundColor"
        )
        assert colour == "rgb(29, 78, 216)"  # the kept styles, not the browser's grey
    finally:
        context.close()
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=20)
