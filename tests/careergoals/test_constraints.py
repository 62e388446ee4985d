"""Postgres itself refuses notification settings or a person's appearance out of bounds, and
``careergoals.constraints.Rule`` reads a condition the way SQL does."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from careergoals.constraints import holds
from careergoals.notifications.forms import HOUR_CHOICES, LEAD_CHOICES
from careergoals.notifications.models import LEAD_DAYS, NotificationSettings
from careergoals.notifications.preferences import settings_for
from careergoals.users.models import Theme, User


def refused(constraint: str, write) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    assert constraint in str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize("hour", [24, 99])  # below zero: the column is unsigned already
def test_a_reminder_hour_is_an_hour_of_the_day(ana, hour):
    row = settings_for(ana)
    refused(
        "reminder_hour_of_the_day",
        lambda: NotificationSettings.objects.filter(pk=row.pk).update(morning_hour=hour),
    )


@pytest.mark.django_db
def test_every_hour_the_form_offers_is_allowed(ana):
    rows = NotificationSettings.objects.filter(pk=settings_for(ana).pk)
    for hour, _ in HOUR_CHOICES:
        rows.update(morning_hour=hour)


@pytest.mark.django_db
@pytest.mark.parametrize("days", [[2], [14, 5], [0], [-7]])
def test_lead_days_are_ones_the_form_offers(ana, days):
    row = settings_for(ana)
    refused(
        "reminder_lead_days_offered",
        lambda: NotificationSettings.objects.filter(pk=row.pk).update(lead_days=days),
    )


@pytest.mark.django_db
def test_any_choice_of_offered_lead_days_is_allowed(ana):
    assert sorted(LEAD_DAYS) == sorted(days for days, _ in LEAD_CHOICES)
    rows = NotificationSettings.objects.filter(pk=settings_for(ana).pk)
    for days in ([], LEAD_DAYS, [30], [7, 1]):
        rows.update(lead_days=days)


@pytest.mark.django_db
def test_an_appearance_is_a_known_one(ana):
    assert sorted(Theme.values) == ["dark", "light", "system"]
    refused("users_theme_known", lambda: User.objects.filter(pk=ana.pk).update(theme="sepia"))


class Row:
    """Stands in for a model instance: holds() reads fields by their attname."""

    class _meta:  # the shape Django gives
        @staticmethod
        def get_field(name):
            return type("Field", (), {"attname": name})

    def __init__(self, **values):
        self.__dict__.update(values)


@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        (Q(a__gte=1, a__lte=5), {"a": 3}, True),
        (Q(a__gte=1, a__lte=5), {"a": 6}, False),
        (Q(a__gte=1), {"a": None}, None),  # NULL: unknown, which a CHECK lets through
        (Q(a__isnull=True) | Q(a__gte=1), {"a": None}, True),
        (~Q(a="x") & Q(b__isnull=True), {"a": "y", "b": None}, True),
        (~Q(a="x"), {"a": None}, None),
        (Q(a__in=[1, 5]), {"a": 3}, False),
        (Q(a__lt=F("b")), {"a": 1, "b": 2}, True),
        (Q(a__lt=F("b")), {"a": 2, "b": None}, None),
        (Q(a=False) | Q(b__isnull=False), {"a": True, "b": None}, False),
    ],
)
def test_rule_reads_a_condition_with_sql_nulls(condition, values, expected):
    assert holds(condition, Row(**values)) is expected


@pytest.mark.django_db
def test_an_email_is_in_a_state_the_code_writes(ana):
    from careergoals.notifications.models import Notification

    row = Notification.objects.create(
        recipient=ana, to_email=ana.email, kind="comment", subject="Hi", body_text="Hi"
    )
    for status in Notification.EmailStatus.values:  # every state the code writes is allowed
        Notification.objects.filter(pk=row.pk).update(email_status=status)
    refused(
        "notification_email_status_known",
        lambda: Notification.objects.filter(pk=row.pk).update(email_status="lost"),
    )


@pytest.mark.django_db
def test_a_reminder_is_pending_sent_or_skipped(ana):
    import datetime

    from django.utils import timezone

    from careergoals.notifications.models import ScheduledReminder

    now = timezone.now()
    row = ScheduledReminder.objects.create(
        recipient=ana,
        kind="deadline",
        item="goal:1",
        occurrence="lead-7",
        due_at=now,
        stale_at=now + datetime.timedelta(days=1),
    )
    for status in ScheduledReminder.Status.values:
        ScheduledReminder.objects.filter(pk=row.pk).update(status=status)
    refused(
        "reminder_status_known",
        lambda: ScheduledReminder.objects.filter(pk=row.pk).update(status="maybe"),
    )
