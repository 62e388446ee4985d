"""A CHECK constraint that ``full_clean()`` checks in Python, without asking the database.

Django validates a ``CheckConstraint`` with a query (and, inside a transaction, a savepoint
around it): three queries per constraint on every ``full_clean()``. The rules the models
state are simple comparisons of a row's own fields, so ``Rule`` answers them from the
instance, with SQL's meaning of NULL (a comparison with NULL is unknown, and a CHECK lets an
unknown through). Postgres still holds the constraint itself; a condition this evaluator
doesn't understand falls back to Django's query. A rule about a single field names it, so a
form or an import shows the message beside that field.
"""

import operator

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.utils import DEFAULT_DB_ALIAS

COMPARE = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


class _Unsupported(Exception):
    pass


def _value(instance, name: str):
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def _lookup(instance, lookup: str, expected):
    """True, False or None (unknown, as SQL says when a NULL is compared)."""
    name, _, kind = lookup.partition("__")
    kind = kind or "exact"
    actual = _value(instance, name)
    if isinstance(expected, F):
        expected = _value(instance, expected.name)
    if kind == "isnull":
        return (actual is None) == bool(expected)
    if kind == "exact" and expected is None:
        return actual is None
    if kind == "in":
        if actual is None:
            return None
        return actual in expected
    if kind in COMPARE:
        if actual is None or expected is None:
            return None
        return COMPARE[kind](actual, expected)
    raise _Unsupported(lookup)


def holds(condition: Q, instance):
    """Evaluate ``condition`` on ``instance`` in three-valued logic."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(holds(child, instance))
        elif isinstance(child, tuple):
            results.append(_lookup(instance, *child))
        else:
            raise _Unsupported(child)
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    elif condition.connector == Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise _Unsupported(condition.connector)
    if condition.negated and result is not None:
        result = not result
    return result


def _names(condition: Q) -> set[str]:
    found = set()
    for child in condition.children:
        if isinstance(child, Q):
            found |= _names(child)
        else:
            found.add(child[0].split("__", 1)[0])
            if isinstance(child[1], F):
                found.add(child[1].name)
    return found


class Rule(models.CheckConstraint):
    """A ``CheckConstraint`` whose ``validate()`` costs no query."""

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            if exclude and _names(self.condition) & set(exclude):
                return
            result = holds(self.condition, instance)
        except _Unsupported:
            return super().validate(model, instance, exclude=exclude, using=using)
        if result is False:
            error = ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )
            names = _names(self.condition)
            # A rule about one field is shown beside that field (on a form, in an import).
            raise ValidationError({names.pop(): error}) if len(names) == 1 else error
