"""Remove the demo people and everything they own, and nothing else.

The big tables go first, each in one statement: TRUNCATE when every row of them is demo
data (a benchmark database), DELETE of the demo rows otherwise. Django's deletion would
load a million steps to cascade them and run the account-deletion receivers once per
person. What is left of each person (e-mail addresses, settings, anything an app adds
later) then follows the models' own on_delete rules, one statement per table.
"""

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q

from accountability.models import (
    Agreement,
    AgreementConfirmation,
    AttainabilityFeedback,
    Comment,
    GoalShare,
    Invitation,
    Nudge,
    Partnership,
    ReviewMeeting,
)
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.users.models import User
from goals.models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer

from .people import DOMAIN


def demo_people():
    return User.objects.filter(email__iendswith=f"@{DOMAIN}")


def _demo_rows(people) -> list[tuple[type[models.Model], Q]]:
    """Each table's demo rows, children before parents, found through their people."""
    of_pair = Q(user_low__in=people) | Q(user_high__in=people)
    return [
        (ScheduledReminder, Q(recipient__in=people)),
        (
            Notification,
            Q(recipient__in=people) | Q(recipient__isnull=True, to_email__iendswith=f"@{DOMAIN}"),
        ),
        (Comment, Q(goal__owner__in=people) | Q(author__in=people)),
        (AttainabilityFeedback, Q(goal__owner__in=people) | Q(author__in=people)),
        (Nudge, Q(goal__owner__in=people) | Q(sender__in=people)),
        (GoalShare, Q(goal__owner__in=people) | Q(user__in=people)),
        (CheckIn, Q(goal__owner__in=people)),
        (GoalChange, Q(goal__owner__in=people)),
        (Celebration, Q(goal__owner__in=people)),
        (MicroGoal, Q(goal__owner__in=people)),
        (Goal, Q(owner__in=people)),
        (VisionAnswer, Q(owner__in=people)),
        (ReviewMeeting, Q(partnership__user_low__in=people) | Q(partnership__user_high__in=people)),
        (
            AgreementConfirmation,
            Q(agreement__partnership__user_low__in=people)
            | Q(agreement__partnership__user_high__in=people),
        ),
        (Agreement, Q(partnership__user_low__in=people) | Q(partnership__user_high__in=people)),
        (Partnership, of_pair),
        (Invitation, Q(inviter__in=people)),
    ]


def _delete(queryset) -> int:
    """DELETE ... WHERE pk IN (the queryset), in one statement, without loading a row."""
    meta = queryset.model._meta
    sql, params = queryset.values("pk").query.sql_with_params()
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        # Names quoted by the backend, values passed as parameters.
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({sql})", params)  # noqa: S608
        return cursor.rowcount


def _cascade(model, queryset) -> None:
    """What deleting ``queryset`` would do to the rows pointing at it, table by table."""
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        _delete(through._base_manager.filter(**{f"{field.m2m_field_name()}__in": queryset}))
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            continue
        rows = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": queryset.values("pk")}
        )
        if relation.on_delete is models.CASCADE:
            _cascade(relation.related_model, rows)
            _delete(rows)
        elif relation.on_delete is models.SET_NULL:
            rows.update(**{relation.field.name: None})


def _truncate(tables) -> bool:
    """Empty these tables at once (PostgreSQL), if nothing outside them points into them."""
    if connection.vendor != "postgresql":
        return False
    names = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in tables)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {names}")
    except DatabaseError:  # another table refers to one of them: delete row by row instead
        return False
    return True


@transaction.atomic
def wipe() -> int:
    """Returns how many demo people were removed."""
    people = demo_people().values("pk")
    tables = _demo_rows(people)
    only_demo = not any(model._base_manager.exclude(demo).exists() for model, demo in tables)
    if not (only_demo and _truncate([model for model, _ in tables])):
        for model, demo in tables:
            _delete(model._base_manager.filter(demo))
    _cascade(User, demo_people())  # e-mail addresses, settings, anything else a person owns
    return _delete(demo_people())
