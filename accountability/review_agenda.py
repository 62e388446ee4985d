"""What a review page walks through: every goal shared between the two, what moved and
what changed since their last review. Reads only."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from accountability.models import ReviewMeeting
from careergoals.users.timezones import user_zone
from goals.models import CheckIn, Goal, GoalChange, MicroGoal
from goals.progress import goal_progress_fraction
from goals.selectors import OPEN, goal_steps_line, goals_with_step_counts


@dataclass
class ReviewGoal:
    goal: Goal
    mine: bool
    check_ins: list = field(default_factory=list)  # recorded since the last review
    value_then: Decimal | None = None
    steps_done: list = field(default_factory=list)  # finished since the last review
    changes: list = field(default_factory=list)  # history since the last review
    form: object = None

    @property
    def percent(self) -> int | None:
        goal = self.goal
        fraction = goal_progress_fraction(
            goal, goal.steps_done, goal.step_count, goal.steps_skipped
        )
        return None if fraction is None else round(fraction * 100)

    @property
    def steps_line(self) -> str:
        """Every step of the goal in words; an achieved goal's never read as unfinished."""
        return goal_steps_line(self.goal)


@dataclass
class ReviewAgenda:
    since: datetime.datetime
    first_review: bool
    mine: list[ReviewGoal]
    theirs: list[ReviewGoal]


def _since(meeting: ReviewMeeting) -> tuple[datetime.datetime, bool]:
    previous = (
        ReviewMeeting.objects.filter(
            partnership_id=meeting.partnership_id,
            status=ReviewMeeting.Status.HELD,
            starts_at__lt=meeting.starts_at,
        )
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )
    if previous is None:
        return meeting.partnership.created_at, True
    return previous.held_at or previous.starts_at, False


def _shared_goals(a, b, since: datetime.datetime):
    shared = Q(owner=a, pk__in=Goal.objects.visible_to(b).values("pk")) | Q(
        owner=b, pk__in=Goal.objects.visible_to(a).values("pk")
    )
    since_day = since.date()
    return (
        goals_with_step_counts(Goal.objects.filter(shared))
        .filter(Q(status__in=OPEN) | Q(updated_at__gte=since))
        .select_related("owner")
        .prefetch_related(
            Prefetch("check_ins", queryset=CheckIn.objects.order_by("recorded_on", "id")),
            Prefetch(
                "changes",
                queryset=GoalChange.objects.filter(changed_at__gte=since),
                to_attr="recent_changes",
            ),
            Prefetch(
                "micro_goals",
                queryset=MicroGoal.objects.filter(
                    status=MicroGoal.Status.DONE, completed_on__gte=since_day
                ),
                to_attr="recent_steps",
            ),
        )
        .order_by("target_date", "id")
    )


def _review_goal(goal: Goal, viewer, since_day: datetime.date) -> ReviewGoal:
    check_ins = list(goal.check_ins.all())
    before = [c for c in check_ins if c.recorded_on < since_day]
    return ReviewGoal(
        goal=goal,
        mine=goal.owner_id == viewer.pk,
        check_ins=[c for c in check_ins if c.recorded_on >= since_day],
        value_then=before[-1].value if before else goal.baseline,
        steps_done=goal.recent_steps,
        changes=goal.recent_changes,
    )


def review_agenda(*, meeting: ReviewMeeting, viewer) -> ReviewAgenda:
    """Every goal shared between the two, both ways, with what happened since the last review."""
    since, first = _since(meeting)
    partnership = meeting.partnership
    other = partnership.other(viewer)
    since_day = since.astimezone(user_zone(viewer)).date()
    rows = [_review_goal(g, viewer, since_day) for g in _shared_goals(viewer, other, since)]
    return ReviewAgenda(
        since=since,
        first_review=first,
        mine=[row for row in rows if row.mine],
        theirs=[row for row in rows if not row.mine],
    )
