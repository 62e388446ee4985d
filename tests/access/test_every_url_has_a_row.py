"""The URLconf is the list: a new URL of the site without rows in the matrix fails here."""

from . import test_buddy_urls, test_goals_urls, test_site_urls
from .matrix import METHODS, ROLES, site_url_names

MODULES = (test_goals_urls, test_buddy_urls, test_site_urls)


def test_every_url_of_the_site_has_a_row():
    covered = {row.name for module in MODULES for row in module.ROWS.values()}
    names = site_url_names()
    assert names == covered, (
        f"URLs without a row: {sorted(names - covered)}; rows of no URL: {sorted(covered - names)}"
    )


def test_every_row_says_what_each_role_gets_for_each_method():
    for module in MODULES:
        for label, row in module.ROWS.items():
            for method in METHODS:
                assert set(getattr(row, method)) == set(ROLES), f"{label} {method}"


def test_allauth_the_admin_and_the_api_are_the_only_urls_left_out():
    names = site_url_names()
    assert "account_login" not in names
    assert "admin:index" not in names and "index" not in names
    assert "api:openapi-json" not in names  # test_api_every_route_has_a_row.py
    assert {"landing", "healthz", "notifications:unsubscribe", "users:account_delete"} <= names
