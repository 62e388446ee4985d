"""Reads shared by views (and, later, emails): each returns what a page needs in fixed queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from .models import Celebration, Goal, GoalChange, MicroGoal, VisionAnswer, VisionPrompt
from .progress import goal_progress_fraction, steps_summary
from .smart import SmartReport, smart_check_goal

UPCOMING_DAYS = 14
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


@dataclass
class GoalCard:
    goal: Goal
    smart: SmartReport
    progress: float | None  # goal_progress_fraction: 0 to 1, None when nothing to measure

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


def goal_card(goal: Goal, today: datetime.date) -> GoalCard:
    """Needs the annotations of goals_with_step_counts."""
    return GoalCard(
        goal=goal,
        smart=smart_check_goal(goal, today, step_count=goal.step_count),
        progress=goal_progress_fraction(goal, goal.steps_done, goal.step_count, goal.steps_skipped),
    )


@dataclass
class Deadline:
    date: datetime.date
    title: str
    goal: Goal
    is_step: bool

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
    for horizon in Goal.Horizon:
        cards = [goal_card(g, today) for g in open_goals if g.horizon == horizon]
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
    steps = (
        MicroGoal.objects.filter(goal__owner=user, goal__status__in=OPEN, deadline__lte=horizon_end)
        .exclude(status__in=MicroGoal.CLOSED)
        .select_related("goal")
        .order_by("deadline", "position")[:100]
    )
    deadlines += [Deadline(s.deadline, s.title, s.goal, is_step=True) for s in steps]
    deadlines.sort(key=lambda d: (d.date, d.is_step))
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


def roadmap_goals(user) -> list[Goal]:
    """A person's own goals that are still in play or reached (not the abandoned ones)."""
    return list(Goal.objects.filter(owner=user).exclude(status=Goal.Status.ABANDONED))
