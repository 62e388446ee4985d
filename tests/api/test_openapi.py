"""The API describes itself: /api/v1/openapi.json is a valid OpenAPI 3 document that names
every answer each operation can give and how to sign in, and the docs page that reads it
is served from our own static files."""

import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
import schemathesis
from django.conf import settings
from django.contrib.staticfiles import finders
from schemathesis.core.result import Err
from schemathesis.specs.openapi import definitions

from careergoals.api import api

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", method, operation


def test_the_served_document_is_the_apis_own(document):
    """The contract test reads the API object's document; this is the one served."""
    assert document == json.loads(json.dumps(api.get_openapi_schema()))


def test_the_document_is_valid_openapi_3(document):
    version = document["openapi"]
    assert re.fullmatch(r"3\.[01]\.\d+", version), version
    meta = definitions.OPENAPI_31 if version.startswith("3.1") else definitions.OPENAPI_30
    validator_class = (
        jsonschema.Draft202012Validator if version.startswith("3.1") else jsonschema.Draft4Validator
    )
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator_class(meta).iter_errors(document)
    ]
    assert not errors, errors[:10]


def test_every_schema_in_it_is_a_valid_json_schema(document):
    """The meta-schema above leaves the schemas of bodies alone: each is checked here."""
    problems = {}
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            problems[name] = error.message
    assert not problems, problems


def test_schemathesis_reads_every_operation(document):
    """What the contract test runs on: every operation resolves (no broken $ref)."""
    schema = schemathesis.openapi.from_dict(document)
    problems = [
        str(result.err()) for result in schema.get_all_operations() if isinstance(result, Err)
    ]
    assert not problems, problems


def _automatic_summary(operation) -> str:
    """What ninja writes when a route names no summary: "Goal List" for ``goal_list``."""
    function = operation["operationId"].rsplit("_api_", 1)[-1].split("_", 1)[-1]
    return function.replace("_", " ").title()


def test_every_operation_has_a_summary_of_its_own(document):
    """The docs page lists operations by summary: each names one, not ninja's "Goal List"."""
    for label, _, operation in operations(document):
        summary = operation.get("summary", "").strip()
        assert summary, f"{label}: no summary"
        assert summary != _automatic_summary(operation), f"{label}: ninja's summary {summary!r}"


def test_every_operation_names_its_error_answers(document):
    """Every route needs a sign-in and is rate limited; one that looks something up may not
    find it; a write may be refused to a read-only token and may not validate."""
    missing = {}
    for label, method, operation in operations(document):
        responses = set(operation["responses"])
        want = {"401", "429"}
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            want |= {"404"}
        if method in UNSAFE:
            want |= {"403", "422"}
        if operation.get("requestBody") or any(
            p["in"] == "query" for p in operation.get("parameters", [])
        ):
            want |= {"422"}
        if want - responses:
            missing[label] = sorted(want - responses)
        if not any(code.startswith("2") or code == "304" for code in responses):
            missing[label] = "no success answer"
    assert not missing, "; ".join(f"{k}: {v}" for k, v in missing.items())


def test_every_error_answer_is_the_one_error_body(document):
    schemas = document.get("components", {}).get("schemas", {})
    assert "ErrorOut" in schemas or not document["paths"]
    wrong = {}
    for label, _, operation in operations(document):
        for code, answer in operation["responses"].items():
            if not code.startswith(("4", "5")):
                continue
            ref = answer.get("content", {}).get("application/json", {}).get("schema", {})
            if ref.get("$ref") != "#/components/schemas/ErrorOut":
                wrong[f"{label} {code}"] = ref
    assert not wrong, wrong


def test_a_bearer_token_is_how_to_sign_in_and_every_operation_needs_one(document):
    schemes = document.get("components", {}).get("securitySchemes", {})
    bearer = [
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and scheme.get("scheme", "").lower() == "bearer"
    ]
    assert bearer or not document["paths"], schemes
    for label, _, operation in operations(document):
        security = operation.get("security", document.get("security"))
        named = {name for requirement in security or [] for name in requirement}
        assert set(bearer) & named, f"{label}: no bearer token among {named}"


def test_every_schema_says_what_it_is(document):
    """Bodies show in the docs page: each of ours has a description (its docstring). Enums
    name their values; ninja's own page ("Input", "Paged...") is not ours to describe."""
    bare = [
        name
        for name, schema in document.get("components", {}).get("schemas", {}).items()
        if schema.get("type") == "object"
        and not schema.get("description", "").strip()
        and name != "Input"
        and not name.startswith("Paged")
    ]
    assert not bare, ", ".join(bare)


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.urls.append(value)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_docs_page_loads_only_our_own_files(client, make_user, signed_in):
    if signed_in:
        client.force_login(make_user())
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    parser = _Assets()
    parser.feed(page)
    assert any(url.endswith(".js") for url in parser.urls), parser.urls
    for url in parser.urls:
        assert url.startswith(settings.STATIC_URL) and not url.startswith("//"), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url}: no such file"
    assert not re.search(r"https?://|//cdn|unpkg|jsdelivr", page), "a host outside the site"
    assert "/api/v1/openapi.json" in page
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "http" not in csp, csp
