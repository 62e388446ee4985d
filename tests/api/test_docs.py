"""The OpenAPI document and its docs page: public, served from the package, under our CSP."""

from django.test import Client


def test_the_openapi_document_names_the_bearer_token_and_the_error_body(db):
    document = Client().get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Career Goals API"
    assert document["info"]["version"] == "1"
    assert document["components"]["securitySchemes"]["TokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["TokenAuth"]["description"],
    }
    assert "ErrorOut" in document["components"]["schemas"]
    me = document["paths"]["/api/v1/me"]["get"]
    assert {"200", "401", "403", "429"} <= set(me["responses"])


def test_the_docs_page_loads_swagger_from_our_static_files(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui-init.js" in page
    assert "cdn" not in page.lower()
    assert "<script>" not in page  # no inline script: the CSP allows our own files only
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_document_has_an_etag_too(db):
    client = Client()
    first = client.get("/api/v1/openapi.json")
    assert first.has_header("ETag")
    again = client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
