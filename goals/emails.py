"""The emails goals sends: the choices that turn them off, their words and sample data.

Registered with notifications in ``GoalsConfig.ready()``; the words live in
``templates/goals/email/<kind>.txt``. The samples are plain stand-ins for the staff's
"Preview every email" page, not database rows.
"""

import datetime
from types import SimpleNamespace as Sample

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from careergoals.notifications.kinds import register_email, register_preference
from careergoals.notifications.samples import BOB

GOAL = Sample(
    statement="Lead the design of one customer-facing feature by the end of June",  # not shown
    target_date=datetime.date(2027, 6, 30),
)
STEP_TITLE = "Ask Sam for the feature brief"  # not shown: a person's words (a sample)
IN_A_WEEK = datetime.date.today() + datetime.timedelta(days=7)


def _in_7_days():
    return ngettext("in %(days)s day", "in %(days)s days", 7) % {"days": 7}


def _deadline():
    return (
        _("“%(title)s” is due %(when)s") % {"title": GOAL.statement, "when": _in_7_days()},
        {"is_step": False, "goal": GOAL, "when": _in_7_days(), "deadline": IN_A_WEEK},
    )


def _overdue():
    return (
        _("“%(title)s” was due %(day)s: what now?")
        % {"title": STEP_TITLE, "day": date_format(IN_A_WEEK, pgettext("date format", "j F"))},
        {"is_step": True, "title": STEP_TITLE, "goal": GOAL, "deadline": IN_A_WEEK},
    )


def _buddy_deadline():
    return (
        _("%(name)s has a deadline %(when)s: time to check in")
        % {"name": BOB.name, "when": _in_7_days()},
        {"owner": BOB, "when": _in_7_days(), "deadline": IN_A_WEEK, "is_step": True}
        | {"title": STEP_TITLE, "goal": GOAL},
    )


def _quarterly():
    return (
        ngettext(
            "A new quarter: time to review your goals (%(count)s open)",
            "A new quarter: time to review your goals (%(count)s open)",
            1,
        )
        % {"count": 1},
        {"quarter": "2027 Q3", "rows": [Sample(goal=GOAL, percent=40, changes=2)]},
    )


def register_emails() -> None:
    # The keys are stored in people's settings (muted_kinds): never rename one.
    register_preference("deadline", _("Reminders before my deadlines"), digestible=True)
    register_preference("overdue", _("A note the day after a missed deadline"), digestible=True)
    register_preference(
        "buddy_deadline", _("Heads-ups before my buddies’ deadlines"), digestible=True
    )
    register_preference("quarterly", _("The quarterly review prompt"))
    for key, sample in [
        ("deadline", _deadline),
        ("overdue", _overdue),
        ("buddy_deadline", _buddy_deadline),
        ("quarterly", _quarterly),
    ]:
        register_email(key, template=f"goals/email/{key}.txt", preference=key, sample=sample)
