"""What is due when for goals and steps: reminders before deadlines, the overdue note,
the heads-up to whoever else follows a goal, and each person's quarterly review prompt.
Services call ``arm_goal`` / ``arm_step`` after each change."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from careergoals.notifications.preferences import choices_of
from careergoals.notifications.registry import (
    Message,
    on_person_change,
    register,
    register_many,
    then,
)
from careergoals.notifications.scheduling import (
    Planned,
    add,
    arm,
    arm_many,
    end_of_day,
    moment_after,
    next_quarter_moment,
)
from careergoals.users.timezones import user_zone

from .models import Goal, MicroGoal
from .progress import goal_progress_fraction
from .selectors import goals_with_step_counts

OVERDUE_STALE_DAYS = 3
BUDDY_LEAD_DAYS = 7
KINDS = {"deadline", "overdue", "buddy_deadline"}
QUARTERLY_STALE_DAYS = 7


# Who else hears about a goal's deadlines. goals knows nothing of buddies: an app above
# (accountability: the buddies who can see the goal) registers a function goal -> [users]
# in its AppConfig.ready(), the way notifications.registry takes reminder builders.
_AUDIENCES: dict[str, Callable[..., list]] = {}


def register_audience(key: str, audience: Callable[..., list]) -> None:
    """``audience(goal=goal)`` returns the people besides the owner who hear about its
    deadlines. Registering twice under one key (a second ``ready()``) replaces the first."""
    _AUDIENCES[key] = audience


def others_to_remind(goal: Goal) -> list:
    """Everyone besides the owner who gets a heads-up before this goal's deadlines."""
    if not goal.buddy_reminders:
        return []
    people = {}
    for audience in _AUDIENCES.values():
        people |= {person.pk: person for person in audience(goal=goal)}
    return list(people.values())


class _Readings:
    """Each person's choices and each goal's audience, read once per re-plan: the choices of
    a goal's owner and audience in one query, whatever the number of steps and buddies."""

    def __init__(self):
        self._choices: dict[int, object] = {}
        self._audiences: dict[int, list] = {}

    def read_choices(self, people) -> None:
        missing = {person.pk for person in people} - set(self._choices)
        if missing:
            self._choices |= choices_of(missing)

    def choices(self, user):
        self.read_choices([user])
        return self._choices[user.pk], user_zone(user)

    def audience(self, goal: Goal) -> list:
        if goal.pk not in self._audiences:
            self._audiences[goal.pk] = others_to_remind(goal)
            self.read_choices([goal.owner, *self._audiences[goal.pk]])
        return self._audiences[goal.pk]


def _plan(*, item: str, deadline: datetime.date | None, owner, goal, open_: bool, readings):
    if deadline is None or not open_:
        return []
    audience = readings.audience(goal)
    choices, zone = readings.choices(owner)
    stale = end_of_day(deadline, zone)
    planned = [
        Planned(
            recipient_id=owner.pk,
            kind="deadline",
            item=item,
            occurrence=f"lead-{days}:{deadline.isoformat()}",
            due_at=moment_after(deadline, -days, choices.morning_hour, zone),
            stale_at=stale,
            catch_up=True,
        )
        for days in choices.leads
    ]
    overdue_at = moment_after(deadline, 1, choices.morning_hour, zone)
    planned.append(
        Planned(
            recipient_id=owner.pk,
            kind="overdue",
            item=item,
            occurrence=f"overdue:{deadline.isoformat()}",
            due_at=overdue_at,
            stale_at=overdue_at and overdue_at + datetime.timedelta(days=OVERDUE_STALE_DAYS),
        )
    )
    for buddy in audience:
        buddy_choices, buddy_zone = readings.choices(buddy)
        planned.append(
            Planned(
                recipient_id=buddy.pk,
                kind="buddy_deadline",
                item=item,
                occurrence=f"buddy-{BUDDY_LEAD_DAYS}:{deadline.isoformat()}",
                due_at=moment_after(
                    deadline, -BUDDY_LEAD_DAYS, buddy_choices.morning_hour, buddy_zone
                ),
                stale_at=end_of_day(deadline, buddy_zone),
                catch_up=True,
            )
        )
    # A deadline at the very ends of the calendar has moments that cannot be written down.
    return [p for p in planned if p.due_at is not None and p.stale_at is not None]


def plan_goal(goal: Goal, readings: _Readings | None = None) -> list[Planned]:
    return _plan(
        item=f"goal:{goal.pk}",
        deadline=goal.target_date,
        owner=goal.owner,
        goal=goal,
        open_=goal.is_open,
        readings=readings or _Readings(),
    )


def plan_step(step: MicroGoal, readings: _Readings | None = None) -> list[Planned]:
    goal = step.goal
    return _plan(
        item=f"step:{step.pk}",
        deadline=step.deadline,
        owner=goal.owner,
        goal=goal,
        open_=goal.is_open and not step.is_closed,
        readings=readings or _Readings(),
    )


def _goal_plans(goal: Goal, readings: _Readings, *, with_steps: bool) -> dict:
    plans = {f"goal:{goal.pk}": plan_goal(goal, readings)}
    if with_steps:
        for step in goal.micro_goals.all():
            step.goal = goal  # one owner object for all its steps
            plans[f"step:{step.pk}"] = plan_step(step, readings)
    return plans


def arm_goal(goal: Goal, *, with_steps: bool = True) -> None:
    """Re-plan a goal (and its steps): called by every service that saves one."""
    arm_many(plans=_goal_plans(goal, _Readings(), with_steps=with_steps), kinds=KINDS)


def arm_step(step: MicroGoal, *, new: bool = False) -> None:
    """Re-plan one step: called by every service that saves one. ``new``: just created, so
    nothing of it is pending yet. Its siblings are never read: the cost is one step's."""
    arm(item=f"step:{step.pk}", planned=plan_step(step), kinds=KINDS, new=new)


@on_person_change
def arm_everything_of(user) -> None:
    """After a change of lead times, hour or time zone, or an import: the person's own goals
    and steps, and the heads-ups they get before their buddies' deadlines, in one pass."""
    readings, plans = _Readings(), {}
    for goal in Goal.objects.filter(owner=user).prefetch_related("micro_goals"):
        goal.owner = user  # with the new time zone, if that is what changed
        plans |= _goal_plans(goal, readings, with_steps=True)
    shared = (
        Goal.objects.visible_to(user)
        .exclude(owner=user)
        .filter(buddy_reminders=True)
        .select_related("owner")
        .prefetch_related("micro_goals")
    )
    for goal in shared:
        plans |= _goal_plans(goal, readings, with_steps=True)
    arm_many(plans=plans, kinds=KINDS)


# --- The quarterly review prompt -------------------------------------------------------------
# Everyone has one pending, planned when they sign up (below), when their hour or time zone
# changes (rearm_person) and, once it is handled, for the quarter after (``then``). At the
# time it says something only to someone with open goals.


def plan_prompt(user, choices, *, after: datetime.datetime) -> Planned:
    """This person's first quarterly prompt later than ``after``, at their hour."""
    quarter, due = next_quarter_moment(choices.morning_hour, user_zone(user), after)
    return Planned(
        recipient_id=user.pk,
        kind="quarterly",
        item=f"user:{user.pk}",
        occurrence=quarter,
        due_at=due,
        stale_at=due + datetime.timedelta(days=QUARTERLY_STALE_DAYS),
    )


@on_person_change
def arm_prompt_of(user, *, now=None) -> None:
    """After sign-up, a change of hour or time zone, or an import: the next prompt moves to
    this person's morning."""
    now = now or timezone.now()
    planned = plan_prompt(user, choices_of([user.pk])[user.pk], after=now)
    arm(item=f"user:{user.pk}", planned=[planned], kinds={"quarterly"}, now=now)


def _arm_first_prompt(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        arm_prompt_of(instance)


post_save.connect(
    _arm_first_prompt, sender=settings.AUTH_USER_MODEL, dispatch_uid="goals.first_prompt"
)


@then("quarterly")
def plan_next_prompt(reminder, now) -> None:
    """Sent or skipped, the quarter after is planned: never a rescan of everyone."""
    user = reminder.recipient
    after = max(now, reminder.due_at)
    add([plan_prompt(user, choices_of([user.pk])[user.pk], after=after)])


# --- What each reminder says ------------------------------------------------------------------


def _items_of(reminders) -> dict[str, Goal | MicroGoal]:
    """The goals and steps the reminders are about, in two queries whatever their number."""
    pks: dict[str, set[int]] = {"goal": set(), "step": set()}
    for reminder in reminders:
        kind, _sep, pk = reminder.item.partition(":")
        if kind in pks and pk.isdigit():
            pks[kind].add(int(pk))
    goals = Goal.objects.select_related("owner").in_bulk(pks["goal"]) if pks["goal"] else {}
    steps = (
        MicroGoal.objects.select_related("goal__owner").in_bulk(pks["step"]) if pks["step"] else {}
    )
    return {f"goal:{pk}": goal for pk, goal in goals.items()} | {
        f"step:{pk}": step for pk, step in steps.items()
    }


def _still_due(reminder, found):
    """The goal or step a reminder is about, if it is still open with the same deadline."""
    deadline = reminder.occurrence.rsplit(":", 1)[-1]
    if isinstance(found, Goal):
        goal = found
        if goal.is_open and goal.target_date and goal.target_date.isoformat() == deadline:
            return goal, goal, goal.statement, goal.target_date
    elif isinstance(found, MicroGoal):
        step = found
        if (
            step.goal.is_open
            and not step.is_closed
            and step.deadline
            and step.deadline.isoformat() == deadline
        ):
            return step, step.goal, step.title, step.deadline
    return None


def _shared(reminders, items) -> set[tuple[int, int]]:
    """(buddy, goal) pairs where the buddy of a buddy_deadline reminder still sees the goal:
    one query per buddy in the batch."""
    wanted: dict[int, tuple] = {}
    for reminder in reminders:
        found = items.get(reminder.item)
        if reminder.kind == "buddy_deadline" and found is not None:
            goal_pk = found.pk if isinstance(found, Goal) else found.goal_id
            person, goal_pks = wanted.get(reminder.recipient_id, (reminder.recipient, set()))
            wanted[reminder.recipient_id] = (person, goal_pks | {goal_pk})
    pairs = set()
    for person_pk, (person, goal_pks) in wanted.items():
        visible = Goal.objects.visible_to(person).filter(pk__in=goal_pks)
        pairs |= {(person_pk, pk) for pk in visible.values_list("pk", flat=True)}
    return pairs


def _days_phrase(days: int) -> str:
    """ "today", "tomorrow", "in 5 days": in the active language (the recipient's)."""
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}


# Called inside the recipient's language (build_deadlines): whole sentences, one per kind.
SUBJECTS = {
    "deadline": lambda c: _("“%(title)s” is due %(when)s") % c,
    "overdue": lambda c: (
        _("“%(title)s” was due %(day)s: what now?")
        % {
            "title": c["title"],
            "day": formats.date_format(c["deadline"], pgettext("date format", "j F")),
        }
    ),
    "buddy_deadline": lambda c: (
        _("%(name)s has a deadline %(when)s: time to check in")
        % {"name": c["owner"].name, "when": c["when"]}
    ),
}


def build_deadlines(reminders) -> dict:
    """What each deadline, overdue or buddy_deadline reminder says (None: no longer due),
    in a few queries for the whole batch: the goals and steps, then each buddy's access."""
    items = _items_of(reminders)
    shared = _shared(reminders, items)
    now = timezone.now()
    urls: dict[int, str] = {}
    messages = {}
    for reminder in reminders:
        found = _still_due(reminder, items.get(reminder.item))
        if found is None or (
            reminder.kind == "buddy_deadline" and (reminder.recipient_id, found[1].pk) not in shared
        ):
            messages[reminder.pk] = None  # closed, moved, or no longer shared with this buddy
            continue
        item, goal, title, deadline = found
        today = now.astimezone(user_zone(reminder.recipient)).date()
        if goal.pk not in urls:
            urls[goal.pk] = reverse("goals:goal_detail", args=[goal.pk])
        # The words the template reads ("in 3 days") and the subject: the recipient's language.
        with translation.override(reminder.recipient.email_language):
            context = {
                "title": title,
                "goal": goal,
                "is_step": isinstance(item, MicroGoal),
                "deadline": deadline,
                "when": _days_phrase((deadline - today).days),
                "owner": goal.owner,
            }
            subject = SUBJECTS[reminder.kind](context)
        messages[reminder.pk] = Message(
            subject=subject, template=reminder.kind, context=context, url=urls[goal.pk]
        )
    return messages


for _kind in SUBJECTS:
    register_many(_kind)(build_deadlines)


@register("deadline")
def build_deadline(reminder):
    return build_deadlines([reminder])[reminder.pk]


@register("overdue")
def build_overdue(reminder):
    return build_deadlines([reminder])[reminder.pk]


@register("buddy_deadline")
def build_buddy_deadline(reminder):
    return build_deadlines([reminder])[reminder.pk]


def _percent(fraction: float | None) -> int | None:
    return None if fraction is None else round(fraction * 100)


@register("quarterly")
def build_quarterly(reminder):
    user = reminder.recipient
    if not user.is_active:
        return None
    since = timezone.now() - datetime.timedelta(days=92)
    goals = list(
        goals_with_step_counts(
            Goal.objects.filter(owner=user, status__in=[Goal.Status.DRAFT, Goal.Status.ACTIVE])
        )
        .annotate(
            recent_changes=Count("changes", filter=Q(changes__changed_at__gte=since), distinct=True)
        )
        .order_by("target_date")
    )
    if not goals:
        return None  # nothing open to review: the next quarter asks again
    rows = [
        {
            "goal": goal,
            "percent": _percent(
                goal_progress_fraction(goal, goal.steps_done, goal.step_count, goal.steps_skipped)
            ),
            "changes": goal.recent_changes,
        }
        for goal in goals
    ]
    with translation.override(user.email_language):
        subject = ngettext(
            "A new quarter: time to review your goals (%(count)s open)",
            "A new quarter: time to review your goals (%(count)s open)",
            len(goals),
        ) % {"count": len(goals)}
    return Message(
        subject=subject,
        template="quarterly",
        context={"rows": rows, "quarter": reminder.occurrence},
        url=reverse("goals:home"),
    )
