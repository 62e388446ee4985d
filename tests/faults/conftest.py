"""Fixtures for fault tests: private servers, an SMTP sink and the app's processes."""

import shutil

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.conftest import need

from .processes import Processes
from .services import Inbox, PrivatePostgres, PrivateRedis, free_port, postgres_bin


@pytest.fixture
def inbox():
    sink = Inbox()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def processes(tmp_path):
    running = Processes(tmp_path)
    yield running
    running.stop_all()


@pytest.fixture
def private_redis(tmp_path):
    need(bool(shutil.which("redis-server")), "redis-server is not installed")
    server = PrivateRedis(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_postgres():
    need(bool(postgres_bin("initdb") and postgres_bin("pg_ctl")), "PostgreSQL is not installed")
    server = PrivatePostgres()
    try:
        server.create()
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def test_database_url(transactional_db):
    """The test run's own database (``test_<name>``, one per xdist worker), for subprocesses."""
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )
