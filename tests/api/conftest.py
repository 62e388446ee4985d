"""Fixtures of every API test: a person's token and a client that sends it."""

import json

import pytest
from django.test import Client

from careergoals.users.services import token_create


class ApiClient(Client):
    """A test client that sends a bearer token and JSON bodies.

    ``api.post(url, {"title": ...})`` sends the dict as JSON; ``api.get(url)`` as usual.
    The token is ``api.token``; ``api.key`` is what goes in the header."""

    def __init__(self, key: str, token, **defaults) -> None:
        super().__init__(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}", **defaults)
        self.key = key
        self.token = token

    def _json(self, method, path, data=None, **extra):
        body = "" if data is None else json.dumps(data)
        return getattr(super(), method)(path, body, content_type="application/json", **extra)

    def post(self, path, data=None, **extra):
        return self._json("post", path, data, **extra)

    def put(self, path, data=None, **extra):
        return self._json("put", path, data, **extra)

    def patch(self, path, data=None, **extra):
        return self._json("patch", path, data, **extra)

    def delete(self, path, data=None, **extra):
        return self._json("delete", path, data, **extra)


@pytest.fixture
def make_token(db):
    """``make_token(user, scope="write", **fields)`` → (token, key) through the service."""

    def make(user, scope="write", name="Test token", **fields):
        return token_create(user=user, name=name, scope=scope, **fields)

    return make


@pytest.fixture
def api_for(make_token):
    """``api_for(user, scope="write")``: an ``ApiClient`` with a fresh token of that person."""

    def make(user, scope="write", **fields):
        token, key = make_token(user, scope=scope, **fields)
        return ApiClient(key, token)

    return make


@pytest.fixture
def api_client(api_for, ana):
    """Ana's client, with a token that may read and write."""
    return api_for(ana)
