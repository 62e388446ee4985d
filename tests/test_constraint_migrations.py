"""The migrations that add the database rules repair rows older code could leave out of line.

Each test steps its app back to just before the rules, writes rows the old schema allowed,
migrates forward and looks at what the repair made of them.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

NOW = timezone.now()


@pytest.fixture
def migrate():
    """migrate(app, name) returns the historical apps at that point; the end is restored."""

    def to(app, name):
        executor = MigrationExecutor(connection)
        executor.migrate([(app, name)])
        executor.loader.build_graph()
        # Every app as the database now is: this one at ``name``, the others at what is still
        # applied (stepping back may have taken back another app's migration that needs
        # this app's later ones, e.g. accountability 0010 needs goals 0007).
        return executor.loader.project_state(list(executor.loader.applied_migrations)).apps

    yield to
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def person(apps, email="ana@example.org", **fields):
    return apps.get_model("users", "User").objects.create(email=email, password="!", **fields)


def test_goals_repair_steps_achievements_and_negative_measures(migrate):
    old = migrate("goals", "0003_micro_goal_no_longer_needed")
    Goal, MicroGoal = old.get_model("goals", "Goal"), old.get_model("goals", "MicroGoal")
    CheckIn, GoalChange = old.get_model("goals", "CheckIn"), old.get_model("goals", "GoalChange")
    ana = person(old)
    reached = Goal.objects.create(owner=ana, statement="Reached", status="achieved")
    GoalChange.objects.create(goal=reached, field="status", new_value="Achieved")
    stale = Goal.objects.create(owner=ana, statement="Reopened", status="draft", achieved_at=NOW)
    debt = Goal.objects.create(
        owner=ana,
        statement="Out of the red",
        baseline=Decimal("-500"),
        target=Decimal("1000"),
        current_value=Decimal("-200"),
    )
    CheckIn.objects.create(goal=debt, value=Decimal("-800"), recorded_on=datetime.date(2026, 1, 1))
    CheckIn.objects.create(goal=debt, value=Decimal("-200"), recorded_on=datetime.date(2026, 2, 1))
    steps = [
        MicroGoal.objects.create(goal=reached, title=title, position=0, status=status)
        for title, status in (("a", "done"), ("b", "todo"), ("c", "skipped"))
    ]
    MicroGoal.objects.filter(pk=steps[2].pk).update(completed_on=datetime.date(2026, 3, 1))
    MicroGoal.objects.create(goal=stale, title="alone", position=0)

    new = migrate("goals", "0004_rules_held_by_the_database")
    Goal, MicroGoal = new.get_model("goals", "Goal"), new.get_model("goals", "MicroGoal")
    CheckIn, GoalChange = new.get_model("goals", "CheckIn"), new.get_model("goals", "GoalChange")

    change = GoalChange.objects.get(goal_id=reached.pk, field="status")
    assert Goal.objects.get(pk=reached.pk).achieved_at == change.changed_at
    assert Goal.objects.get(pk=stale.pk).achieved_at is None
    places = MicroGoal.objects.filter(goal_id=reached.pk).order_by("position")
    assert [(s.title, s.position) for s in places] == [("a", 1), ("b", 2), ("c", 3)]
    assert MicroGoal.objects.get(title="alone").position == 0  # no one else in its list
    done = MicroGoal.objects.get(pk=steps[0].pk)
    assert done.completed_on == done.created_at.date()
    assert MicroGoal.objects.get(pk=steps[2].pk).completed_on is None
    # Every value moved up by 800: the lowest check-in is now zero, progress unchanged.
    debt = Goal.objects.get(pk=debt.pk)
    assert (debt.baseline, debt.target, debt.current_value) == (300, 1800, 600)
    values = CheckIn.objects.filter(goal_id=debt.pk).values_list("value", flat=True)
    assert sorted(values) == [0, 600]
    note = GoalChange.objects.get(goal_id=debt.pk, field="target")
    assert (note.old_value, note.new_value) == ("1000", "1800")
    assert "moved up by 800" in note.note


def test_accountability_repairs_review_lengths_held_moments_and_kept_records(migrate):
    old = migrate("accountability", "0004_partnership_outlives_a_deleted_account")
    Partnership = old.get_model("accountability", "Partnership")
    ReviewMeeting = old.get_model("accountability", "ReviewMeeting")
    ana, bob = person(old), person(old, "bob@example.org")
    low, high = sorted([ana, bob], key=lambda user: user.pk)
    pair = Partnership.objects.create(user_low=low, user_high=high, account_deleted=True)
    start = NOW - datetime.timedelta(days=3)
    short = ReviewMeeting.objects.create(partnership=pair, starts_at=start, duration_minutes=5)
    long = ReviewMeeting.objects.create(
        partnership=pair, starts_at=start, duration_minutes=600, status="held"
    )
    stale = ReviewMeeting.objects.create(partnership=pair, starts_at=start, held_at=NOW)

    new = migrate("accountability", "0005_rules_held_by_the_database")
    Partnership = new.get_model("accountability", "Partnership")
    ReviewMeeting = new.get_model("accountability", "ReviewMeeting")
    assert ReviewMeeting.objects.get(pk=short.pk).duration_minutes == 15
    long = ReviewMeeting.objects.get(pk=long.pk)
    assert (long.duration_minutes, long.held_at) == (240, start)
    assert ReviewMeeting.objects.get(pk=stale.pk).held_at is None
    assert Partnership.objects.get(pk=pair.pk).ended_at is not None


def test_notification_settings_keep_a_real_hour_and_the_offered_lead_days(migrate):
    old = migrate("notifications", "0005_notification_preview_line")
    Settings = old.get_model("notifications", "NotificationSettings")
    odd = Settings.objects.create(user=person(old), morning_hour=31, lead_days=[2, 7, 14])
    unknown = Settings.objects.create(user=person(old, "bob@example.org"), lead_days=[5])
    fine = Settings.objects.create(user=person(old, "cleo@example.org"), lead_days=[30, 1])

    new = migrate("notifications", "0006_rules_held_by_the_database")
    Settings = new.get_model("notifications", "NotificationSettings")
    odd = Settings.objects.get(pk=odd.pk)
    assert (odd.morning_hour, odd.lead_days) == (8, [14, 7])
    assert Settings.objects.get(pk=unknown.pk).lead_days == []  # the defaults apply
    assert Settings.objects.get(pk=fine.pk).lead_days == [30, 1]


def test_an_unknown_appearance_becomes_the_device_default(migrate):
    old = migrate("users", "0002_user_theme")
    ana = person(old, theme="sepia")
    new = migrate("users", "0003_theme_held_by_the_database")
    assert new.get_model("users", "User").objects.get(pk=ana.pk).theme == "system"
