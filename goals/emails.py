"""The emails goals sends: the choices that turn them off, their words and sample data.

Registered with notifications in ``GoalsConfig.ready()``; the words live in
``templates/goals/email/<kind>.txt``. The samples are plain stand-ins for the staff's
"Preview every email" page, not database rows.
"""

import datetime
from types import SimpleNamespace as Sample

from careergoals.notifications.kinds import register_email, register_preference
from careergoals.notifications.samples import BOB

GOAL = Sample(
    statement="Lead the design of one customer-facing feature by the end of June",
    target_date=datetime.date(2027, 6, 30),
)
STEP_TITLE = "Ask Sam for the feature brief"
IN_A_WEEK = datetime.date.today() + datetime.timedelta(days=7)


def _deadline():
    return (
        "Your goal is due in 7 days",
        {"is_step": False, "goal": GOAL, "when": "in 7 days", "deadline": IN_A_WEEK},
    )


def _overdue():
    return (
        "Your step was due yesterday",
        {"is_step": True, "title": STEP_TITLE, "goal": GOAL, "deadline": IN_A_WEEK},
    )


def _buddy_deadline():
    return (
        "Bob’s step is due in 7 days",
        {"owner": BOB, "when": "in 7 days", "deadline": IN_A_WEEK, "is_step": True}
        | {"title": STEP_TITLE, "goal": GOAL},
    )


def _quarterly():
    return (
        "A new quarter: time to review your goals",
        {"quarter": "2027 Q3", "rows": [Sample(goal=GOAL, percent=40, changes=2)]},
    )


def register_emails() -> None:
    # The keys are stored in people's settings (muted_kinds): never rename one.
    register_preference("deadline", "Reminders before my deadlines", digestible=True)
    register_preference("overdue", "A note the day after a missed deadline", digestible=True)
    register_preference("buddy_deadline", "Heads-ups before my buddies’ deadlines", digestible=True)
    register_preference("quarterly", "The quarterly review prompt")
    for key, sample in [
        ("deadline", _deadline),
        ("overdue", _overdue),
        ("buddy_deadline", _buddy_deadline),
        ("quarterly", _quarterly),
    ]:
        register_email(key, template=f"goals/email/{key}.txt", preference=key, sample=sample)
