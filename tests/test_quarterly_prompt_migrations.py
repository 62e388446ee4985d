"""The data migrations plan the quarterly prompts of the people and pairs already here, now
that no hourly task rescans everyone to plan them."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from careergoals.notifications.models import ScheduledReminder

pytestmark = pytest.mark.django_db(transaction=True)
UTC = datetime.UTC
BEFORE = [
    ("goals", "0004_rules_held_by_the_database"),
    ("accountability", "0005_rules_held_by_the_database"),
]


def migrate_to_the_end() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def before_the_prompts_were_planned():
    """The historical apps just before the two migrations; every app is migrated forward after."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    # The state of exactly what is applied: later migrations that depend on these two
    # (notifications 0007 renames a field they write) are unapplied as well.
    yield executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_people_and_pairs_get_their_next_prompt(before_the_prompts_were_planned):
    old = before_the_prompts_were_planned
    User = old.get_model("users", "User")
    ana = User.objects.create(email="ana@example.org", password="!", timezone="Europe/Berlin")
    bob = User.objects.create(email="bob@example.org", password="!", timezone="Asia/Tokyo")
    cleo = User.objects.create(email="cleo@example.org", password="!")
    old.get_model("notifications", "NotificationSettings").objects.create(
        user=bob, morning_hour=10, lead_days=[7]
    )
    Partnership = old.get_model("accountability", "Partnership")
    pair = Partnership.objects.create(user_low=ana, user_high=bob)
    Partnership.objects.create(
        user_low=ana, user_high=cleo, ended_at=datetime.datetime(2027, 1, 1, tzinfo=UTC)
    )
    Reminder = old.get_model("notifications", "ScheduledReminder")
    Reminder.objects.all().delete()

    with time_machine.travel(datetime.datetime(2027, 3, 20, 12, 0, tzinfo=UTC), tick=False):
        migrate_to_the_end()
        # Back before the two and forward again: the second run adds nothing.
        MigrationExecutor(connection).migrate(BEFORE)
        migrate_to_the_end()

    rows = set(  # read with today's model: every migration has run
        ScheduledReminder.objects.values_list(
            "recipient_id", "kind", "item", "occurrence", "due_at"
        )
    )
    april_first = datetime.datetime(2027, 4, 1, tzinfo=UTC)
    ana_at, bob_at = april_first.replace(hour=6), datetime.datetime(2027, 4, 1, 1, 0, tzinfo=UTC)
    assert rows == {
        (ana.pk, "quarterly", f"user:{ana.pk}", "2027-Q2", ana_at),  # 08:00 in Berlin
        (bob.pk, "quarterly", f"user:{bob.pk}", "2027-Q2", bob_at),  # 10:00 in Tokyo
        (cleo.pk, "quarterly", f"user:{cleo.pk}", "2027-Q2", april_first.replace(hour=8)),
        (ana.pk, "quarterly_partnership", f"partnership:{pair.pk}", "2027-Q2", ana_at),
        (bob.pk, "quarterly_partnership", f"partnership:{pair.pk}", "2027-Q2", bob_at),
    }  # and nothing for the pair that ended
