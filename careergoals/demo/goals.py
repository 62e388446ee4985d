"""One person's vision answers, goals, steps, history and check-ins, as the services would
have written them over the months; their buddies' words are in ``social``."""

import datetime
import random
from decimal import Decimal

from accountability.models import GoalShare
from goals.models import (
    Celebration,
    CheckIn,
    Goal,
    GoalChange,
    MicroGoal,
    VisionAnswer,
    VisionPrompt,
)

from . import words
from .batch import Batch
from .social import moment, notification_rows, social_rows

DAY = datetime.timedelta(days=1)
STATUSES = (["active"] * 11) + (["draft"] * 2) + (["achieved"] * 4) + (["abandoned"] * 3)
STATUS_LABEL = dict(Goal.Status.choices)


class GoalView:
    """What the reminder planner and the other builders read of a goal, without the cost of
    a model instance; ``is_open`` is the model's own."""

    __slots__ = (
        "buddy_reminders",
        "created_at",
        "owner",
        "pk",
        "statement",
        "status",
        "target_date",
    )
    Status = Goal.Status
    is_open = Goal.is_open

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)


class StepView:
    """What the reminder planner reads of a step; ``is_closed`` is the model's own."""

    __slots__ = ("deadline", "goal", "pk", "status")
    CLOSED = MicroGoal.CLOSED
    is_closed = MicroGoal.is_closed

    def __init__(self, pk, goal, deadline, status):
        self.pk, self.goal, self.deadline, self.status = pk, goal, deadline, status


def person_rows(batch: Batch, rng: random.Random, person, *, today) -> list[tuple[Goal, list]]:
    """Write one person's data into ``batch``; returns their goals with their open steps
    (what the reminder planner needs) and who among their buddies sees each goal."""
    user, now = person.user, batch.writer.now
    visions = _vision_rows(batch, rng, user)
    planned = []
    for index, step_count in enumerate(person.steps_per_goal):
        goal, viewers = _goal_row(batch, rng, person, index, visions, today=today)
        steps = _step_rows(batch, rng, goal, step_count, today=today)
        social_rows(batch, rng, goal, viewers, steps, now=now)
        planned.append((goal, [s for s in steps if not s.is_closed and s.deadline], viewers))
    notification_rows(batch, rng, person, planned)
    return planned


def _vision_rows(batch, rng, user) -> list[int]:
    prompts = rng.sample(VisionPrompt.values, rng.randint(2, 5))
    return [
        batch.add(
            VisionAnswer,
            (
                batch.id[VisionAnswer](),
                user.pk,
                prompt,
                words.VISION[prompt],
                user.date_joined + datetime.timedelta(minutes=3 + i),
            ),
        )
        for i, prompt in enumerate(prompts)
    ]


def _goal_row(batch, rng, person, index, visions, *, today):
    user, now = person.user, batch.writer.now
    status = "active" if index == 0 else rng.choice(STATUSES)
    category = rng.choice(list(words.GOALS))
    text, metric, unit = rng.choice(words.GOALS[category])
    horizon = rng.choices([1, 5, 10], weights=[14, 5, 1])[0]
    created = moment(rng, user.date_joined + datetime.timedelta(hours=1), now - 2 * DAY)
    start = created.date()
    achieved_at = None
    if status == "achieved":
        achieved_at = moment(rng, created + DAY, now - datetime.timedelta(hours=1))
        target_date = achieved_at.date() + rng.randint(-20, 60) * DAY
    elif status == "abandoned":
        target_date = start + rng.randint(90, 500) * DAY
    elif rng.random() < 0.08:  # an open goal whose deadline has passed
        target_date = today - rng.randint(1, 60) * DAY
    else:
        target_date = today + rng.randint(20, 365 * horizon) * DAY
    target_date = max(target_date, start + 7 * DAY)
    measured = status in ("active", "achieved") or rng.random() < 0.6
    baseline = Decimal(rng.randint(0, 20) * 5) if measured else None
    target = baseline + Decimal(rng.randint(2, 40) * 5) if measured else None
    statement = text.format(n=f"{target:f}" if target is not None else rng.randint(2, 12))
    visibility = (
        "buddies" if index == 0 else rng.choice(["private", "private", "buddies", "chosen"])
    )
    if visibility == "chosen" and not person.buddies:
        visibility = "private"
    viewers = []
    if visibility == "buddies":
        viewers = list(person.buddies)
    elif visibility == "chosen":
        viewers = rng.sample(person.buddies, rng.randint(1, len(person.buddies)))
    goal = GoalView(
        pk=batch.id[Goal](),
        owner=user,
        statement=statement,
        target_date=target_date,
        status=status,
        created_at=created,
        buddy_reminders=bool(viewers) and rng.random() < 0.3,
    )
    check_ins = _check_in_rows(batch, rng, goal, baseline, target, today=today, until=achieved_at)
    current = check_ins[-1] if check_ins else None
    reason = rng.choice(words.ABANDON_REASONS) if status == "abandoned" else ""
    vision = rng.choice(visions) if visions and rng.random() < 0.3 else None
    batch.add(
        Goal,
        (
            goal.pk,
            user.pk,
            statement,
            category,
            horizon,
            target_date,
            metric if measured else "",
            unit if measured else "",
            baseline,
            target,
            current,
            rng.randint(2, 5),
            rng.choice(words.ATTAINABILITY),
            rng.choice(words.RELEVANCE),
            vision,
            status,
            visibility,
            goal.buddy_reminders,
            reason,
            achieved_at,
            created,
            achieved_at or created + DAY,
        ),
    )
    _history_rows(batch, rng, goal, reason, achieved_at, now=now)
    for viewer in viewers if visibility == "chosen" else ():
        batch.add(GoalShare, (goal.pk, viewer.user.pk, created + DAY))
    if status == "achieved":
        reward = rng.choice(words.REWARDS)
        reflected = achieved_at + DAY if rng.random() < 0.5 else None
        easy = "Asking for help early." if reflected else ""
        batch.add(Celebration, (goal.pk, reward, achieved_at, reflected, easy))
    return goal, viewers


def _history_rows(batch, rng, goal, reason, achieved_at, *, now):
    """goal_create's "created" row, then what goal_activate, goal_update and the closing
    services record: the history page and the quarterly prompt read these."""
    change = GoalChange
    created = goal.created_at
    batch.add(change, (goal.pk, "created", "", goal.statement, "", created))
    if goal.status == "draft":
        return
    activated = created + datetime.timedelta(minutes=10)
    batch.add(change, (goal.pk, "status", "Draft", "Active", "", activated))
    if rng.random() < 0.2:
        moved = goal.target_date - rng.randint(14, 60) * DAY
        batch.add(
            change,
            (
                goal.pk,
                "target_date",
                moved.isoformat(),
                goal.target_date.isoformat(),
                "Gave myself more time.",
                activated + DAY,
            ),
        )
    if goal.status in ("achieved", "abandoned"):
        at = achieved_at or moment(rng, activated + 2 * DAY, now)
        label = str(STATUS_LABEL[goal.status])  # a lazy label: COPY takes text
        batch.add(change, (goal.pk, "status", "Active", label, reason, at))


def _check_in_rows(batch, rng, goal, baseline, target, *, today, until) -> list[Decimal]:
    if target is None or goal.status == "draft":
        return []
    first = goal.created_at.date()
    last = until.date() if until else today
    count = min(rng.randint(0, 8), max((last - first).days, 0))
    values = []
    days = sorted(rng.sample(range(1, (last - first).days + 1), count)) if count else []
    for i, offset in enumerate(days, start=1):
        value = baseline + (target - baseline) * Decimal(i) / Decimal(count + 1)
        if goal.status == "achieved" and i == count:
            value = target
        value = value.quantize(Decimal("0.01"))
        day = first + offset * DAY
        recorded = datetime.datetime.combine(day, datetime.time(18), tzinfo=datetime.UTC)
        note = rng.choice(words.CHECK_IN_NOTES)
        batch.add(CheckIn, (goal.pk, value, day, note, recorded))
        values.append(value)
    return values


def _step_rows(batch, rng, goal, count, *, today) -> list[StepView]:
    start = goal.created_at.date()
    span = max((goal.target_date - start).days, count + 1)
    steps = []
    for position in range(count):
        pk = batch.id[MicroGoal]()
        deadline = start + (span * (position + 1) // (count + 1) + rng.randint(0, 3)) * DAY
        status, done_on = _step_status(rng, goal.status, deadline, today=today, start=start)
        title = f"{rng.choice(words.STEP_VERBS)} {rng.choice(words.STEP_THINGS)}"
        batch.add(
            MicroGoal,
            (
                pk,
                goal.pk,
                position,
                title.format(k=position + 1),
                rng.choice(words.ACTION_PLANS),
                deadline,
                rng.choice(words.RESOURCES),
                rng.choice(words.HELPERS),
                status,
                done_on,
                goal.created_at + datetime.timedelta(minutes=20 + position),
            ),
        )
        steps.append(StepView(pk, goal, deadline, status))
    return steps


def _step_status(rng, goal_status, deadline, *, today, start):
    """(status, completed_on): done steps are dated, between the goal's start and today."""
    roll = rng.random()
    if goal_status == "achieved":
        status = "done" if roll < 0.85 else "skipped"
    elif goal_status == "abandoned":
        status = (
            "todo" if deadline >= today or roll < 0.3 else ("done" if roll < 0.8 else "skipped")
        )
    elif deadline < today:
        status = "done" if roll < 0.8 else ("skipped" if roll < 0.85 else "todo")
    else:
        status = "todo" if roll < 0.8 else ("doing" if roll < 0.92 else "done")
    if status != "done":
        return status, None
    done_on = min(deadline + rng.randint(-3, 2) * DAY, today)
    return status, max(done_on, start)
