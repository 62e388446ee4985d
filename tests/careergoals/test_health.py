"""/healthz answers 200 with the database and broker up, 503 when the broker is down."""

import socket

import pytest

from careergoals.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_on_redis(client, redis_url):
    assert celery_app.conf.broker_url == redis_url
    assert client.get("/healthz").status_code == 200


@pytest.fixture
def dead_broker():
    """Point the broker at a loopback port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    yield
    celery_app.conf.broker_url = original


def test_healthz_503_when_broker_is_down(client, dead_broker):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "down"}
