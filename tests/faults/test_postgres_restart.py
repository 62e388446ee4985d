"""PostgreSQL restarted under a running site: a friendly 503 meanwhile, back by itself in < 10 s.

A private cluster (initdb + pg_ctl) on a free port serves gunicorn; a signed-in person keeps
clicking while the database is stopped and started again.
"""

import subprocess
import time

import pytest

from .processes import Visitor, app_env, record_figures
from .services import postgres_bin, wait_until

pytestmark = pytest.mark.slow
PASSWORD = "a long enough passphrase 9"
MAKE_PERSON = f"""
from allauth.account.models import EmailAddress
from careergoals.users.models import User
user = User.objects.create_user(email="pat@example.org", password="{PASSWORD}", display_name="Pat")
EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
"""
# Pages that read the database for a signed-in person, and one write.
SIGN_IN = {"login": "pat@example.org", "password": PASSWORD}
SIGNED_IN_PAGES = ["/home/", "/goals/new/", "/notifications/", "/buddies/", "/accounts/profile/"]


def test_postgres_restart_gives_a_friendly_503_and_recovers(
    private_postgres, private_redis, inbox, processes, tmp_path
):
    psql = postgres_bin("psql")
    subprocess.run(
        [psql, "-h", "127.0.0.1", "-p", str(private_postgres.port), "-U", "postgres",
         "-qc", "CREATE DATABASE careergoals"],
        check=True, timeout=30,
    )  # fmt: skip
    env = app_env(
        database_url=private_postgres.url("careergoals"),
        redis_url=private_redis.url,
        smtp_port=inbox.port,
        var_dir=tmp_path / "var",
    )
    base = processes.web(env)
    processes.manage(env, "shell", "-c", MAKE_PERSON)
    pat = Visitor(base)
    pat.sign_in("pat@example.org", PASSWORD)
    assert pat.get("/home/")[0] == 200
    assert pat.get("/healthz")[0] == 200

    private_postgres.stop()
    outage: list[tuple[str, int, str, dict]] = []
    for _ in range(2):
        for path in SIGNED_IN_PAGES:
            outage.append((path, *pat.get(path)))
        outage.append(("POST /notifications/read/", *pat.post("/notifications/read/")))
    # Without a session the database error is raised in the view, not in a middleware.
    stranger = Visitor(base)
    outage.append(("GET invitation link", *stranger.get("/invitations/not-a-real-token/")))
    stranger.get("/accounts/login/")
    outage.append(("POST sign-in", *stranger.post("/accounts/login/", SIGN_IN)))
    monitor = Visitor(base)  # a health check carries no session
    health = monitor.get("/healthz")

    private_postgres.start()
    back = time.monotonic()
    assert wait_until(lambda: pat.get("/home/")[0] == 200, 30, step=0.1), pat.answers[-5:]
    recovery = round(time.monotonic() - back, 2)
    health_after = monitor.get("/healthz")[0]

    statuses = [(path, status) for path, status, _, _ in outage]
    figures = record_figures(
        postgres_outage_requests=len(outage),
        postgres_outage_statuses=sorted({status for _, status in statuses}),
        postgres_recovery_seconds=recovery,
    )
    print(f"Postgres back: the site answered again after {recovery} s")
    assert {status for _, status in statuses} == {503}, (statuses, processes.log("web")[-3000:])
    for _, _, text, headers in outage:
        assert "back in a moment" in text
        assert "Traceback" not in text
        assert headers.get("Retry-After") == "10"
    assert health[0] == 503
    assert '"database": "down"' in health[1]
    assert recovery < 10, figures
    assert health_after == 200
    assert not [a for a in pat.answers + stranger.answers + monitor.answers if a[2] == 500]
