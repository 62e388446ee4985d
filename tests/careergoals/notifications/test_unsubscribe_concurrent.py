"""Two one-click unsubscribes at once, for two kinds: both stick (real Postgres, threads)."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from careergoals.notifications.models import NotificationSettings
from careergoals.notifications.preferences import settings_for, unsubscribe_path


def _waiting_on_locks() -> int:
    """Requests of this test database waiting for a lock, now (not as first read in this
    transaction: Postgres keeps one snapshot of its statistics per transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_unsubscribes_of_different_kinds_both_stick(ana):
    settings_for(ana)  # the row exists, nothing muted yet
    paths = [unsubscribe_path(ana.pk, "buddy_activity"), unsubscribe_path(ana.pk, "partnership")]
    responses = [None] * len(paths)

    def unsubscribe(n: int) -> None:
        try:
            responses[n] = Client().post(paths[n], {"List-Unsubscribe": "One-Click"})
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=unsubscribe, args=(n,)) for n in range(len(paths))]
    # Hold the row while both requests arrive, so that they meet at it: without a lock on
    # read, each would have read "nothing muted" and the second write would undo the first.
    with transaction.atomic():
        NotificationSettings.objects.select_for_update().get(user=ana)
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while _waiting_on_locks() < len(threads) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_locks() == len(threads)
    for thread in threads:
        thread.join(timeout=30)

    assert [response.status_code for response in responses] == [200, 200]
    assert sorted(settings_for(ana).muted_kinds) == ["buddy_activity", "partnership"]
