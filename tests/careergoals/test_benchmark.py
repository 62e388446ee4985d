"""``manage.py benchmark``: a quick run end to end, its refusals, and a baseline page that only
the benchmark's own URLconf mounts. No test asserts a time: the benchmark prints figures."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from careergoals.bench.urls import BASELINE_PATH, LAYOUT_PATH
from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
PAGE_KEYS = {
    "name",
    "concurrency",
    "workers",
    "rps",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "errors",
    "ratio_to_baseline",
    "queries",
    "bytes",
    "gzip_bytes",
    "rss_mb",
}


def test_the_baseline_page_is_not_in_the_sites_urls():
    assert settings.ROOT_URLCONF == "careergoals.urls"
    for path, name in ((BASELINE_PATH, "bench_baseline"), (LAYOUT_PATH, "bench_layout")):
        with pytest.raises(Resolver404):
            resolve("/" + path)
        with pytest.raises(NoReverseMatch):
            reverse(name)
    # The benchmark's own URLconf mounts it, next to every page of the site.
    assert (
        resolve("/" + BASELINE_PATH, urlconf="careergoals.bench.urls").url_name == "bench_baseline"
    )
    assert reverse("goals:home", urlconf="careergoals.bench.urls") == reverse("goals:home")


def test_the_production_settings_module_does_not_mount_the_baseline():
    source = (ROOT / "careergoals/settings/production.py").read_text()
    assert "bench" not in source
    assert "ROOT_URLCONF" not in source


def test_refuses_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CAREERGOALS_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "benchmark", "--quick", "--out", str(tmp_path / "b.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "needs PostgreSQL" in done.stderr
    assert not (tmp_path / "b.json").exists()


@pytest.mark.django_db
def test_says_how_to_install_the_load_generator_when_it_is_missing(monkeypatch, tmp_path):
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    monkeypatch.setenv("PATH", str(tmp_path))  # no hey on it
    with pytest.raises(CommandError, match="apt-get install -y hey"):
        call_command("benchmark", "--quick", "--only", "pages", "--out", str(tmp_path / "b.json"))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_quick_run_writes_every_part_with_sane_figures(tmp_path, capsys):
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    need(bool(settings.REDIS_URL), "needs Redis (REDIS_URL)")
    # CI does not install the load generator: there the pages part is left out.
    parts = "pages,writes,sweep,delivery" if shutil.which("hey") else "writes,sweep,delivery"
    out = tmp_path / "bench.json"

    call_command("benchmark", "--quick", "--only", parts, "--out", str(out))

    report = json.loads(out.read_text())
    assert {"machine", "baseline", "pages", "sweep", "delivery", "writes"} <= set(report)
    assert report["machine"]["cpus"] >= 1
    if "pages" in parts:
        runs = report["baseline"]["runs"]
        assert runs and all(run["rps"] > 0 and run["errors"] == 0 for run in runs)
        assert report["baseline"]["queries"] == 1
        names = {page["name"] for page in report["pages"]}
        assert {
            "dashboard, typical",
            "dashboard, heavy",
            "goal page with chart",
            "calendar, typical",
            "calendar, heavy",
            "roadmap, heavy",
            "buddies page",
            "notification list",
            "iCalendar feed, typical",
            "iCalendar feed, heavy, conditional",
            "sign-in page",
        } <= names
        for page in report["pages"]:
            assert set(page) >= PAGE_KEYS, page["name"]
            assert page["rps"] > 0, page
            assert page["errors"] == 0, page
            assert page["ratio_to_baseline"] > 0, page
            expected = (304, 200) if "conditional" in page["name"] else (200,)
            assert page["probe_status"] in expected, page
            if page["probe_status"] == 200:  # a 304 has no body
                assert page["bytes"] > 0 and page["gzip_bytes"] > 0, page
            assert page["rss_mb"] > 0, page
            assert page["p50_ms"] <= page["p95_ms"] <= page["p99_ms"], page
    assert report["sweep"]
    for case in report["sweep"]:
        assert case["due"] > 0 and case["per_second"] > 0, case
        assert case["plan"], case
    parallel = report["sweep_parallel"]
    assert [row["processes"] for row in parallel["rows"]] == [1, 2]
    assert all(0 < row["recorded"] <= row["due"] for row in parallel["rows"])
    assert parallel["two_over_one"] > 0
    small = report["sweep_small_table"]
    assert small["total"] < report["sweep"][-1]["total"]
    assert 0 < small["recorded"] <= small["due"] and small["large_over_small"] > 0
    assert report["delivery"]["emails"] > 0
    assert report["delivery"]["emails"] == report["delivery"]["queued"]
    assert report["delivery"]["per_second"] > 0
    writes = {row["name"]: row for row in report["writes"]}
    assert {"add a step", "tick a step", "add a check-in", "edit a goal with 50 steps"} <= set(
        writes
    )
    assert all(row["ms"] > 0 and row["queries"] > 0 for row in writes.values())
    assert "req/s" in capsys.readouterr().out or "pages" not in parts
