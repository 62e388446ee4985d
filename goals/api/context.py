"""What the goals API's routes share: the person's today, forms bound from JSON, a goal's card.

The rules stay in the forms, services and selectors the pages use; this only carries JSON to
them and back.
"""

import datetime
import enum
from decimal import Decimal

from django.core.exceptions import ValidationError

from careergoals.apikit import READ_ERRORS, ErrorOut
from careergoals.users.timezones import user_today
from goals import selectors

# A read with an id in its path or a filter in its query: one that doesn't parse is a 422.
READ_WITH_PARAMS_ERRORS = READ_ERRORS | {422: ErrorOut}


def today_of(request) -> datetime.date:
    """The person's today in their time zone, worked out once per request."""
    if not hasattr(request, "_goals_today"):
        request._goals_today = user_today(request.user)
    return request._goals_today


def card_of(goal, request) -> selectors.GoalCard:
    """The goal's card (SMART check and progress), as the dashboard and goal page work it
    out. Needs the annotations of ``selectors.goals_with_step_counts``; kept on the goal."""
    if not hasattr(goal, "_api_card"):
        goal._api_card = selectors.goal_card(goal, today_of(request))
    return goal._api_card


def _as_posted(value) -> str:
    """A value as a browser would post it to the page's form."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def form_data(values: dict) -> dict[str, str]:
    """JSON values as form data, so the page's form reads them the way it reads a post."""
    return {name: _as_posted(value) for name, value in values.items()}


def valid(form) -> dict:
    """The form's cleaned data, or its errors raised as a ValidationError (a 422)."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data
