"""`python manage.py runserver`, the first command a Django developer types, works on the
embedded default: no collectstatic, no environment, and every page and its CSS answer 200."""

import os
import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.test_run_command import BIN, ROOT, free_port

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_runserver_serves_pages_and_static_files_without_collectstatic(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"CAREERGOALS_VAR_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1"}
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    log = (tmp_path / "runserver.log").open("w")
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, landing = fetch(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "runserver.log").read_text()
                time.sleep(0.3)
        assert status == 200, landing[-2000:]
        status, login = fetch(base + "/accounts/login/")
        assert status == 200, login[-2000:]
        assets = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', landing + login))
        assert any(a.endswith(".css") for a in assets), assets
        for asset in sorted(assets):
            status, _ = fetch(base + asset)
            assert status == 200, f"{asset} answered {status}"
        assert not (tmp_path / "var" / "static" / "staticfiles.json").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
