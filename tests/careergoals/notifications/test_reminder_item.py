"""A reminder's item (goal:12, step:7) after the column was renamed from ``subject``: the
database still refuses a second row for the same occurrence, and still indexes the item."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from careergoals.notifications.models import ScheduledReminder

pytestmark = pytest.mark.django_db


def reminder(user, item="goal:12") -> ScheduledReminder:
    now = timezone.now()
    return ScheduledReminder.objects.create(
        recipient=user,
        kind="deadline",
        item=item,
        occurrence="lead-7:2027-05-18",
        due_at=now,
        stale_at=now + datetime.timedelta(days=1),
    )


def test_the_same_occurrence_of_the_same_item_is_refused_by_the_database(make_user):
    ana = make_user()
    reminder(ana)
    with pytest.raises(IntegrityError), transaction.atomic():
        reminder(ana)
    reminder(ana, item="step:7")  # another item, same occurrence: a reminder of its own
    deadlines = ScheduledReminder.objects.filter(kind="deadline")
    assert sorted(deadlines.values_list("item", flat=True)) == ["goal:12", "step:7"]


def test_the_item_column_carries_the_unique_rule_and_its_index():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, ScheduledReminder._meta.db_table)
    columns = {name: rule["columns"] for name, rule in found.items()}
    assert columns["one_reminder_per_occurrence"] == ["recipient_id", "kind", "item", "occurrence"]
    assert found["one_reminder_per_occurrence"]["unique"]
    assert columns["reminder_item"] == ["item"]
    assert "reminder_subject" not in columns
