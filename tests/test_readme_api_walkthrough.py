"""The README's "Your goals from a script", run as written against a live server.

A token made on the account page, then the README's shell block with its curl commands,
word for word (only the token and the server's address put in): a script's read-only token
is made, the goals and steps are listed, and step 1 is ticked off.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from careergoals.users.models import AccessToken
from goals import services as goal_services
from goals.models import MicroGoal
from tests.conftest import need

pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)
README = Path(__file__).resolve().parents[1] / "README.md"


def readme_block() -> str:
    section = README.read_text().split("## Your goals from a script", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def test_the_readme_api_example_works_as_written(client, live_server, ana, make_goal, today):
    need(bool(shutil.which("curl")), "curl is not installed")
    goal = make_goal(ana)
    goal_services.micro_goal_create(goal=goal, title="Write the talk proposal")
    assert (goal.pk, goal.micro_goals.get().pk) == (1, 1)  # the README's ids

    client.force_login(ana)
    page = client.post(
        reverse("users:tokens"), {"name": "My laptop", "scope": "write", "expires_in": "90"}
    )
    key = re.search(r'value="(cg_[^"]+)"', page.content.decode()).group(1)

    script = readme_block()
    assert "TOKEN=cg_..." in script and "API=http://127.0.0.1:8000/api/v1" in script
    script = script.replace("TOKEN=cg_...", f"TOKEN={key}").replace(
        "http://127.0.0.1:8000", live_server.url
    )
    # Each call must succeed: curl fails on an error status (and says so).
    script = "set -euo pipefail\n" + script.replace("curl ", "curl -sS --fail-with-body ")
    run = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr

    made = AccessToken.objects.get(name="Weekly report")
    assert made.scope == "read" and made.expires_at is not None
    assert made.prefix in run.stdout  # its key was printed, once
    assert "Write the talk proposal" in run.stdout  # the steps were listed
    assert MicroGoal.objects.get(pk=1).status == "done"  # and step 1 is ticked off
