"""No page answers 500 to what a person (or a bot) can type: garbage into every URL."""

import pytest

from tests.access import test_buddy_urls, test_goals_urls, test_site_urls
from tests.access import world as access_world

ROWS = test_goals_urls.ROWS | test_buddy_urls.ROWS | test_site_urls.ROWS
world = access_world.world  # the matrix's small circle of people and things

pytestmark = pytest.mark.django_db

GARBAGE = [
    {},
    {
        "action": "x" * 5000,
        "statement": "<script>alert(1)</script>" * 400,
        "title": "\x00null byte",
        "text": "\x00",
        "note": "y" * 20000,
        "value": "1e999",
        "target": "NaN",
        "baseline": "-inf",
        "recorded_on": "2026-13-45",
        "target_date": "0000-00-00",
        "deadline": "31/02/2027",
        "status": "bogus",
        "visibility": "everyone",
        "chosen": ["999999", "abc"],
        "verdict": "maybe",
        "micro_goal": "-1",
        "date": "yesterday",
        "time": "25:99",
        "duration_minutes": "-5",
        "direction": "sideways",
        "version": "999999999999999999999",
        "email": "not an address" * 50,
        "confidence": "1; DROP TABLE goals_goal",
        "horizon": "7",
        "lead_days": ["0", "x"],
        "morning_hour": "-1",
        "goal_pk": "../../etc/passwd",
    },
]


@pytest.mark.parametrize("payload", range(len(GARBAGE)))
@pytest.mark.parametrize("name", sorted(ROWS))
def test_garbage_never_breaks_a_page(client, world, name, payload):
    client.force_login(world["users"]["owner"])
    url = ROWS[name].url(world)
    data = GARBAGE[payload]
    for method in ("get", "post"):
        response = getattr(client, method)(url, data)
        assert response.status_code < 500, f"{method} {name}: {response.status_code}"
    # and the same for the buddy, who reaches other code paths
    client.force_login(world["users"]["buddy"])
    assert client.post(url, data).status_code < 500
