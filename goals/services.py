"""Every write to goals, vision answers, micro-goals, check-ins and celebrations."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from careergoals.notifications.scheduling import disarm
from careergoals.users.timezones import user_today

from . import bounds, extensions, reminders
from .models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer
from .smart import smart_check_goal

TRACKED_FIELDS = {
    "statement": GoalChange.Field.STATEMENT,
    "target": GoalChange.Field.TARGET,
    "target_date": GoalChange.Field.TARGET_DATE,
    "status": GoalChange.Field.STATUS,
}
GOAL_FIELDS = frozenset(Goal.PLAN_FIELDS)


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)[:300]


# --- Vision ---------------------------------------------------------------------------


@transaction.atomic
def vision_answer_save(*, owner, prompt: str, text: str) -> VisionAnswer | None:
    """Keep a new dated answer when it differs from the latest one; earlier ones stay."""
    text = text.strip()
    latest = VisionAnswer.objects.filter(owner=owner, prompt=prompt).first()
    if not text or (latest is not None and latest.text == text):
        return None
    return VisionAnswer.objects.create(owner=owner, prompt=prompt, text=text)


def user_mark_welcomed(*, user) -> None:
    if user.welcomed_at is None:
        user.welcomed_at = timezone.now()
        user.save(update_fields=["welcomed_at"])


# --- Goals -------------------------------------------------------------------------------


def _check_vision_owner(owner, vision_answer) -> None:
    if vision_answer is not None and vision_answer.owner_id != owner.pk:
        raise ValidationError({"vision_answer": _("Pick one of your own vision answers.")})


@transaction.atomic
def goal_create(*, owner, **fields) -> Goal:
    unknown = set(fields) - GOAL_FIELDS
    if unknown:
        raise TypeError(f"unknown goal fields: {sorted(unknown)}")
    _check_vision_owner(owner, fields.get("vision_answer"))
    goal = Goal(owner=owner, **fields)
    goal.full_clean()
    _check_goal_bounds(goal)
    goal.save()
    GoalChange.objects.create(goal=goal, field=GoalChange.Field.CREATED, new_value=goal.statement)
    user_mark_welcomed(user=owner)
    reminders.arm_goal(goal, with_steps=False)
    extensions.goals_changed(owner_id=owner.pk)
    return goal


def _check_goal_bounds(goal: Goal) -> None:
    """The same bounds as the goal form, a review adjustment and the import (goals.bounds)."""
    bounds.raise_errors(bounds.goal_errors(goal, today=user_today(goal.owner)))


def _record(goal: Goal, field: str, old, new, note: str) -> None:
    GoalChange.objects.create(
        goal=goal,
        field=TRACKED_FIELDS[field],
        old_value=_shown(old),
        new_value=_shown(new),
        note=note.strip(),
    )


@transaction.atomic
def goal_update(*, goal: Goal, note: str = "", **fields) -> Goal:
    """Change a goal; every change to statement, target, deadline or status is recorded."""
    unknown = set(fields) - GOAL_FIELDS
    if unknown:
        raise TypeError(f"unknown goal fields: {sorted(unknown)}")
    _check_vision_owner(goal.owner, fields.get("vision_answer"))
    # Compare with what is stored: a bound ModelForm may already have changed the instance.
    before = Goal.objects.filter(pk=goal.pk).values(*TRACKED_FIELDS).get()
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.full_clean()
    _check_goal_bounds(goal)
    goal.save()
    for name in TRACKED_FIELDS:
        if before[name] != getattr(goal, name):
            _record(goal, name, before[name], getattr(goal, name), note)
    reminders.arm_goal(goal)  # a moved deadline is reminded again
    extensions.goals_changed(owner_id=goal.owner_id)
    return goal


def _set_status(goal: Goal, status: str, note: str = "") -> Goal:
    old = goal.status
    if old == status:
        return goal
    goal.status = status
    goal.save(update_fields=["status", "abandoned_reason", "achieved_at", "updated_at"])
    # Kept in English, the labels' own words, whoever changed it: pages say them in the
    # reader's language (GoalChange.old_shown / new_shown).
    with translation.override(None):
        before, after = str(goal.Status(old).label), str(goal.Status(status).label)
    _record(goal, "status", before, after, note)
    reminders.arm_goal(goal)  # closing a goal calls its reminders off; reopening re-arms
    extensions.goals_changed(owner_id=goal.owner_id)
    return goal


@transaction.atomic
def goal_activate(*, goal: Goal, note: str = "") -> Goal:
    report = smart_check_goal(goal, user_today(goal.owner))
    if not report.can_activate:
        hints = " ".join(letter.hint for letter in report.missing if letter.letter in "MT")
        raise ValidationError(
            _("Before you start, make the goal measurable and dated. %(hints)s") % {"hints": hints}
        )
    goal.achieved_at = None
    return _set_status(goal, Goal.Status.ACTIVE, note=note)


@transaction.atomic
def goal_abandon(*, goal: Goal, reason: str) -> Goal:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say in a few words why you are letting this goal go.")})
    goal.abandoned_reason = reason
    goal.achieved_at = None
    return _set_status(goal, Goal.Status.ABANDONED, note=reason)


@transaction.atomic
def goal_reopen(*, goal: Goal, note: str = "") -> Goal:
    """Back to draft from achieved or abandoned; the history keeps what happened."""
    note = note or _("Reopened")  # kept in the history in the words of who reopened it
    goal.abandoned_reason = ""
    goal.achieved_at = None
    return _set_status(goal, Goal.Status.DRAFT, note=note)


@transaction.atomic
def goal_achieve(*, goal: Goal, note: str = "") -> Celebration:
    if goal.status not in (Goal.Status.ACTIVE, Goal.Status.DRAFT):
        raise ValidationError(_("Only an open goal can be marked achieved."))
    goal.achieved_at = timezone.now()
    goal.abandoned_reason = ""
    _set_status(goal, Goal.Status.ACHIEVED, note=note)
    celebration, _created = Celebration.objects.get_or_create(goal=goal)
    extensions.goal_achieved(goal=goal)  # accountability tells the buddies
    return celebration


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    step_ids = list(goal.micro_goals.values_list("pk", flat=True))
    disarm(item=f"goal:{goal.pk}")
    for pk in step_ids:
        disarm(item=f"step:{pk}")
    extensions.goals_changed(owner_id=goal.owner_id)
    goal.delete()


# --- Celebration -----------------------------------------------------------------------------


@transaction.atomic
def goal_close_open_steps(*, goal: Goal, outcomes: dict[int, str]) -> int:
    """Close the steps a reached goal left open: each one "done" or "skipped" (no longer
    needed), by id. Steps of other goals and steps already closed are left alone.
    Returns how many were closed."""
    if goal.status != Goal.Status.ACHIEVED:
        raise ValidationError(_("Close the open steps once the goal is reached."))
    if any(status not in MicroGoal.CLOSED for status in outcomes.values()):
        raise ValidationError(_("A step is closed as done or as no longer needed."))
    steps = goal.micro_goals.select_for_update().exclude(status__in=MicroGoal.CLOSED)
    closed = 0
    for step in steps.filter(pk__in=list(outcomes)):
        micro_goal_set_status(micro_goal=step, status=outcomes[step.pk])
        closed += 1
    return closed


def celebration_set_reward(*, celebration: Celebration, reward: str) -> Celebration:
    celebration.reward = reward.strip()
    celebration.full_clean()
    celebration.save(update_fields=["reward"])
    return celebration


def celebration_reflect(
    *, celebration: Celebration, hard: str, easy: str, helped: str, differently: str
) -> Celebration:
    celebration.hard, celebration.easy = hard.strip(), easy.strip()
    celebration.helped, celebration.differently = helped.strip(), differently.strip()
    celebration.reflected_at = timezone.now()
    celebration.full_clean()
    celebration.save()
    return celebration


# --- Micro-goals ------------------------------------------------------------------------------

MICRO_GOAL_FIELDS = {"title", "action_plan", "deadline", "resources", "helpers"}


def _check_step_bounds(micro_goal: MicroGoal) -> None:
    today = user_today(micro_goal.goal.owner)
    bounds.raise_errors(bounds.step_errors(micro_goal, today=today))


@transaction.atomic
def micro_goal_create(*, goal: Goal, suggested_by=None, note: str = "", **fields) -> MicroGoal:
    """A new step, last in its goal's list.

    The goal's row stays locked until commit once the next place is read, so two requests
    adding a step at once get distinct places; the unique (goal, position) constraint would
    refuse the second at commit otherwise.

    A step someone else suggested (``suggested_by``, a buddy the owner accepted it from) is
    credited to them, and the goal's history records it was added, with ``note`` (the
    history records it too when only a note is given: the buddy has deleted their account).
    """
    if set(fields) - MICRO_GOAL_FIELDS:
        raise TypeError(f"unknown micro-goal fields: {sorted(set(fields) - MICRO_GOAL_FIELDS)}")
    # NO KEY UPDATE: other steps wait, check-ins and comments on the goal don't.
    Goal.objects.select_for_update(no_key=True).filter(pk=goal.pk).values_list("pk").get()
    last = goal.micro_goals.aggregate(last=Max("position"))["last"]
    micro_goal = MicroGoal(goal=goal, position=(last or 0) + 1, suggested_by=suggested_by, **fields)
    # The place is ours, taken under the lock; the goal exists, we hold its lock.
    micro_goal.full_clean(exclude=["position", "goal", "suggested_by"])
    _check_step_bounds(micro_goal)
    micro_goal.save()
    if suggested_by is not None or note:
        GoalChange.objects.create(
            goal=goal,
            field=GoalChange.Field.STEP,
            new_value=_shown(micro_goal.title),
            note=note.strip(),
        )
    reminders.arm_step(micro_goal, new=True)
    extensions.goals_changed(owner_id=micro_goal.goal.owner_id)
    return micro_goal


@transaction.atomic
def micro_goal_update(*, micro_goal: MicroGoal, **fields) -> MicroGoal:
    """Change what a step says; its reminders move with its deadline, in the same commit."""
    if set(fields) - MICRO_GOAL_FIELDS:
        raise TypeError(f"unknown micro-goal fields: {sorted(set(fields) - MICRO_GOAL_FIELDS)}")
    for name, value in fields.items():
        setattr(micro_goal, name, value)
    micro_goal.full_clean(exclude=["position"])  # only a reorder moves a step
    _check_step_bounds(micro_goal)
    micro_goal.save()
    reminders.arm_step(micro_goal)
    extensions.goals_changed(owner_id=micro_goal.goal.owner_id)
    return micro_goal


@transaction.atomic
def micro_goal_set_status(*, micro_goal: MicroGoal, status: str) -> MicroGoal:
    """Done gets the day it was done, any other status clears it (a database rule too)."""
    micro_goal.status = MicroGoal.Status(status)
    if micro_goal.status == MicroGoal.Status.DONE:
        micro_goal.completed_on = micro_goal.completed_on or user_today(micro_goal.goal.owner)
    else:
        micro_goal.completed_on = None
    micro_goal.save(update_fields=["status", "completed_on"])
    reminders.arm_step(micro_goal)  # closed steps (done, no longer needed) are not reminded
    extensions.goals_changed(owner_id=micro_goal.goal.owner_id)
    return micro_goal


@transaction.atomic
def micro_goal_delete(*, micro_goal: MicroGoal) -> None:
    """The step and its reminders go together, or neither does."""
    disarm(item=f"step:{micro_goal.pk}")
    extensions.goals_changed(owner_id=micro_goal.goal.owner_id)
    micro_goal.delete()


@transaction.atomic
def micro_goals_reorder(*, goal: Goal, ordered_ids: list[int]) -> None:
    """Put the goal's steps in the given order; ids from elsewhere are refused."""
    current = list(goal.micro_goals.select_for_update().values_list("id", flat=True))
    if sorted(current) != sorted(ordered_ids):
        raise ValidationError(
            _("The list of steps changed meanwhile. Reload the page and try again.")
        )
    for position, pk in enumerate(ordered_ids, start=1):
        MicroGoal.objects.filter(pk=pk, goal=goal).update(position=position)
    extensions.goals_changed(owner_id=goal.owner_id)


@transaction.atomic
def micro_goal_move(*, micro_goal: MicroGoal, offset: int) -> None:
    """Move a step up (-1) or down (+1) by swapping it with its neighbour."""
    ids = list(micro_goal.goal.micro_goals.values_list("id", flat=True))
    index = ids.index(micro_goal.pk)
    other = index + offset
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        micro_goals_reorder(goal=micro_goal.goal, ordered_ids=ids)


# --- Progress check-ins ------------------------------------------------------------------------


def _refresh_current_value(goal: Goal) -> None:
    latest = goal.check_ins.order_by("-recorded_on", "-id").first()
    Goal.objects.filter(pk=goal.pk).update(current_value=latest.value if latest else None)
    goal.current_value = latest.value if latest else None


@transaction.atomic
def check_in_create(
    *, goal: Goal, value: Decimal, recorded_on: datetime.date, note: str = ""
) -> CheckIn:
    if not goal.has_metric:
        raise ValidationError(_("Add a measure with a starting value and a target first."))
    check_in = CheckIn(goal=goal, value=value, recorded_on=recorded_on, note=note.strip())
    check_in.full_clean()
    bounds.raise_errors(bounds.check_in_errors(check_in, today=user_today(goal.owner)))
    check_in.save()
    _refresh_current_value(goal)
    return check_in


@transaction.atomic
def check_in_delete(*, check_in: CheckIn) -> None:
    goal = check_in.goal
    check_in.delete()
    _refresh_current_value(goal)


# --- Vision, the whole page at once ----------------------------------------------------------


@transaction.atomic
def vision_save(*, owner, answers: dict[str, str]) -> list[VisionAnswer]:
    """Save the vision page in one go: a new dated answer for each prompt whose text changed
    (earlier ones stay), and the person counts as welcomed. All of it, or nothing.

    Returns the answers it added (empty when nothing changed)."""
    saved = [
        vision_answer_save(owner=owner, prompt=prompt, text=text)
        for prompt, text in answers.items()
    ]
    user_mark_welcomed(user=owner)
    return [answer for answer in saved if answer is not None]
