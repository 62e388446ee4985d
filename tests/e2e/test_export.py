"""Ana downloads her data from her account settings, as JSON and as CSV, and both open."""

import csv
import json
import re
from pathlib import Path

import pytest

from goals import services as goal_services

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
STEP = "Draft the kickoff agenda"


def download(page, link_name: str):
    with page.expect_download() as started:
        page.get_by_role("link", name=link_name).click()
    return started.value


def test_export_downloads_json_and_csv(people, sign_in):
    goal = people.ana_goal
    goal_services.micro_goal_create(goal=goal, title=STEP)
    page = sign_in(people.ana.email)
    page.get_by_role("button", name="Ana").click()
    page.get_by_role("link", name="Account settings").click()

    everything = download(page, "Everything (JSON)")
    assert re.fullmatch(r"careergoals-data-\d{4}-\d{2}-\d{2}\.json", everything.suggested_filename)
    data = json.loads(Path(everything.path()).read_text(encoding="utf-8"))
    assert data["format"] == "careergoals-export"
    assert data["profile"]["email"] == people.ana.email
    (exported,) = data["goals"]  # hers only: Bob's shared goal is not hers to take
    assert exported["statement"] == goal.statement
    assert [step["title"] for step in exported["micro_goals"]] == [STEP]

    sheet = download(page, "Goals and steps (CSV for spreadsheets)")
    assert sheet.suggested_filename.startswith("careergoals-goals-")
    assert sheet.suggested_filename.endswith(".csv")
    with open(sheet.path(), encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[:2] == ["Goal", "Category"]
    row = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1
    assert (row["Goal"], row["Step"]) == (goal.statement, STEP)
    assert row["Goal deadline"] == goal.target_date.isoformat()
    assert page.console_errors == []
