"""Reads shared by views (and, later, emails): each returns what a page needs in fixed queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .charts import progress_chart
from .models import Celebration, Goal, GoalChange, MicroGoal, VisionAnswer, VisionPrompt
from .progress import goal_progress_fraction, steps_summary
from .smart import SmartReport, smart_check_goal

UPCOMING_DAYS = 14
CATEGORY_LABELS = dict(Goal.Category.choices)
OPEN = (Goal.Status.DRAFT, Goal.Status.ACTIVE)


def goals_with_step_counts(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        step_count=Count("micro_goals", distinct=True),
        steps_done=Count(
            "micro_goals", filter=Q(micro_goals__status=MicroGoal.Status.DONE), distinct=True
        ),
        steps_skipped=Count(
            "micro_goals", filter=Q(micro_goals__status=MicroGoal.Status.SKIPPED), distinct=True
        ),
    )


def goal_page_url_maker() -> Callable[[int], str]:
    """A goal's page address from its pk: reverse() once, then the pk put in its place.

    Gives exactly what Goal.get_absolute_url() gives, without resolving the URL pattern again
    for each of the hundred goals a dashboard or roadmap may list.
    """
    marker = 987654321987
    head, tail = reverse("goals:goal_detail", kwargs={"pk": marker}).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


@dataclass
class GoalCard:
    goal: Goal
    smart: SmartReport
    progress: float | None  # goal_progress_fraction: 0 to 1, None when nothing to measure
    url: str = ""  # the goal's page (set for the dashboard's cards)

    def fragment_key(self):
        """What a cached page digests for this card (careergoals/fragments.py): the rest is
        worked out from the goal, its step counts and the day (in the same context)."""
        return (self.goal, self.url)

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.goal.category, self.goal.category)

    @property
    def smart_label(self) -> str:
        """What the SMART badge says to a screen reader: "SMART check: 3 of 5 met; missing …"."""
        missing = self.smart.missing
        if missing:
            return _("SMART check: %(score)s of 5 met; missing %(letters)s") % {
                "score": self.smart.score,
                "letters": ", ".join(letter.name for letter in missing),
            }
        return _("SMART check: %(score)s of 5 met") % {"score": self.smart.score}

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else round(self.progress * 100)

    @property
    def steps_line(self) -> str:
        """ "1 of 2 steps done", or for an achieved goal what happened to its steps."""
        return goal_steps_line(self.goal)


def goal_steps_line(goal: Goal) -> str:
    """Needs the annotations of goals_with_step_counts."""
    return steps_summary(
        done=goal.steps_done,
        total=goal.step_count,
        skipped=goal.steps_skipped,
        achieved=goal.status == Goal.Status.ACHIEVED,
    )


def goal_card(goal: Goal, today: datetime.date, url: str = "") -> GoalCard:
    """Needs the annotations of goals_with_step_counts."""
    return GoalCard(
        goal=goal,
        smart=smart_check_goal(goal, today, step_count=goal.step_count),
        progress=goal_progress_fraction(goal, goal.steps_done, goal.step_count, goal.steps_skipped),
        url=url,
    )


@dataclass
class Deadline:
    date: datetime.date
    title: str
    goal: Goal
    is_step: bool
    url: str = ""  # the goal's page; a step's deadline links to the goal's steps
    note: str = ""  # "Step of “…” · overdue", "Goal deadline · today"
    is_overdue: bool = False

    def days_left(self, today: datetime.date) -> int:
        return (self.date - today).days


@dataclass
class Dashboard:
    horizons: list[tuple[str, list[GoalCard]]] = field(default_factory=list)
    overdue: list[Deadline] = field(default_factory=list)
    upcoming: list[Deadline] = field(default_factory=list)
    achievements: list[Goal] = field(default_factory=list)
    open_count: int = 0
    has_vision: bool = False


def dashboard(*, user, today: datetime.date) -> Dashboard:
    goals = list(
        goals_with_step_counts(
            Goal.objects.filter(owner=user).exclude(status=Goal.Status.ABANDONED)
        ).order_by("target_date", "id")
    )
    open_goals = [g for g in goals if g.status in OPEN]
    board = Dashboard(open_count=len(open_goals))
    url_of = goal_page_url_maker()
    urls = {g.pk: url_of(g.pk) for g in open_goals}
    for horizon in Goal.Horizon:
        cards = [goal_card(g, today, urls[g.pk]) for g in open_goals if g.horizon == horizon]
        if cards:
            board.horizons.append((f"{horizon.value}-year", cards))
    board.achievements = sorted(
        (g for g in goals if g.status == Goal.Status.ACHIEVED),
        key=lambda g: g.achieved_at,
        reverse=True,
    )[:5]

    horizon_end = today + datetime.timedelta(days=UPCOMING_DAYS)
    deadlines = [
        Deadline(g.target_date, g.statement, g, is_step=False)
        for g in open_goals
        if g.target_date and g.target_date <= horizon_end
    ]
    # A step's goal is one of the open goals loaded above: no need to load it again.
    open_by_pk = {g.pk: g for g in open_goals}
    # Ordered by an expression on purpose: with a LIMIT and a plain "ORDER BY deadline",
    # Postgres walks the deadline index through everyone's steps hoping to meet this
    # person's soon (130 ms for the heavy demo person); this way it reads this person's open
    # goals' steps through the goal index and sorts the few it finds (1 ms).
    steps = (
        MicroGoal.objects.filter(goal_id__in=list(open_by_pk), deadline__lte=horizon_end)
        .exclude(status__in=MicroGoal.CLOSED)
        .order_by(Coalesce("deadline", "deadline"), "position")
        .values_list("deadline", "title", "goal_id")[:100]
    )
    deadlines += [
        Deadline(deadline, title, open_by_pk[goal_id], is_step=True)
        for deadline, title, goal_id in steps
    ]
    deadlines.sort(key=lambda d: (d.date, d.is_step))
    step_of: dict[int, str] = {}  # "Step of “…”", worked out once per goal
    goal_deadline = _("Goal deadline")
    for d in deadlines:
        pk = d.goal.pk
        if d.is_step:
            if pk not in step_of:
                step_of[pk] = _("Step of “%(goal)s”") % {
                    "goal": Truncator(d.goal.statement).chars(50)
                }
            d.url, d.note = f"{urls[pk]}#steps", step_of[pk]
        else:
            d.url, d.note = urls[pk], goal_deadline
        d.is_overdue = d.date < today
        if d.is_overdue:
            d.note = _("%(what)s · overdue") % {"what": d.note}
        elif d.date == today:
            d.note = _("%(what)s · today") % {"what": d.note}
    board.overdue = [d for d in deadlines if d.date < today]
    board.upcoming = [d for d in deadlines if d.date >= today]
    board.has_vision = bool(goals) or VisionAnswer.objects.filter(owner=user).exists()
    return board


def goal_for_page(*, user, pk: int) -> Goal:
    """A goal with what its page shows, or DoesNotExist for anyone who may not see it."""
    return (
        goals_with_step_counts(Goal.objects.visible_to(user))
        .select_related("owner", "vision_answer")
        .get(pk=pk)
    )


def goal_steps(goal: Goal) -> list[MicroGoal]:
    """The goal's steps, also kept on this goal instance: the rest of its page (the comment
    form's step choices) reads ``goal.micro_goals.all()`` without another query."""
    steps = MicroGoal.objects.select_related("suggested_by")
    prefetch_related_objects([goal], Prefetch("micro_goals", queryset=steps))
    return list(goal.micro_goals.all())


def open_steps(*, goal: Goal) -> list[MicroGoal]:
    """The steps still to do or in progress: what reaching the goal leaves to close."""
    return list(goal.micro_goals.exclude(status__in=MicroGoal.CLOSED))


def goal_history(goal: Goal, limit: int | None = None) -> list[GoalChange]:
    changes = goal.changes.all()
    return list(changes[:limit] if limit else changes)


@dataclass
class VisionEntry:
    prompt: VisionPrompt
    current: VisionAnswer | None
    history: list[VisionAnswer]


def vision_entries(*, user) -> list[VisionEntry]:
    """Each prompt with its latest answer and the earlier ones, in one query."""
    answers: dict[str, list[VisionAnswer]] = {}
    for answer in VisionAnswer.objects.filter(owner=user).prefetch_related("inspired_goals"):
        answers.setdefault(answer.prompt, []).append(answer)
    entries = []
    for prompt in VisionPrompt:
        mine = answers.get(prompt.value, [])
        entries.append(VisionEntry(prompt, mine[0] if mine else None, mine[1:]))
    return entries


def latest_vision_answers(*, user) -> QuerySet:
    """The current answer to each prompt (for linking a goal to what inspired it)."""
    latest_ids = [
        entry.current.pk for entry in vision_entries(user=user) if entry.current is not None
    ]
    return VisionAnswer.objects.filter(pk__in=latest_ids)


def vision_answer_choices(*, user, goal=None) -> QuerySet:
    """What a goal may be linked to: the current answers, and the one this goal already
    links, even when a newer answer replaced it (editing the goal never unlinks it)."""
    latest = latest_vision_answers(user=user)
    if goal is None or goal.vision_answer_id is None:
        return latest
    return VisionAnswer.objects.filter(Q(pk__in=latest.values("pk")) | Q(pk=goal.vision_answer_id))


def celebrations_of(user) -> QuerySet:
    """Celebrations of this person's achieved goals, with the goal and its step counts."""
    return (
        Celebration.objects.filter(
            goal__in=Goal.objects.editable_by(user), goal__status=Goal.Status.ACHIEVED
        )
        .select_related("goal")
        .annotate(
            steps_total=Count("goal__micro_goals"),
            steps_done=Count(
                "goal__micro_goals", filter=Q(goal__micro_goals__status=MicroGoal.Status.DONE)
            ),
            steps_skipped=Count(
                "goal__micro_goals", filter=Q(goal__micro_goals__status=MicroGoal.Status.SKIPPED)
            ),
        )
    )


ROADMAP_FIELDS = ("statement", "category", "target_date", "status", "achieved_at")


def roadmap_goals(user) -> list[Goal]:
    """A person's own goals that are still in play or reached (not the abandoned ones).

    Only the fields the roadmap shows: a goal row is wide (texts, measures, settings).
    """
    return list(
        Goal.objects.filter(owner=user).exclude(status=Goal.Status.ABANDONED).only(*ROADMAP_FIELDS)
    )


# Progress panel ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalProgress:
    """A goal's check-ins, oldest first, and its chart, in words for ``viewer``."""

    check_ins: list
    chart: object


def goal_progress(*, goal: Goal, today: datetime.date, viewer) -> GoalProgress:
    """What the progress panel shows: one query for the check-ins; the chart's words speak to
    the owner and of the owner to anyone else."""
    check_ins = list(goal.check_ins.all())
    chart = progress_chart(goal=goal, check_ins=check_ins, today=today, viewer=viewer)
    return GoalProgress(check_ins=check_ins, chart=chart)
