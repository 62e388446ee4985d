"""The screenshot command's demo world: seeded through the services, every page it shows opens.

The command itself (a server and Chromium) runs by hand before a release; this keeps its
demo world in step with the services it calls, in a second.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from careergoals.management.commands.screenshots import seed_demo_world

pytestmark = pytest.mark.django_db


def test_demo_world_pages_open_for_ana(client, tmp_path):
    world = seed_demo_world(tmp_path)
    client.force_login(get_user_model().objects.get(email=world["email"]))
    for path in (
        "/home/",
        f"/goals/{world['goal']}/",
        "/roadmap/",
        f"/buddies/{world['partnership']}/",
        f"/calendar/?month={world['month']}",
        f"/reviews/{world['meeting']}/",
        f"/goals/{world['reached']}/celebrate/",
    ):
        assert client.get(path).status_code == 200, path
    assert "<a " in world["email_html"]  # an HTML email, with its links


def test_demo_world_is_only_seeded_into_a_throw_away_folder():
    with pytest.raises(CommandError, match="throw-away"):
        seed_demo_world(Path(settings.BASE_DIR) / "var")
