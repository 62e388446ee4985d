"""Your buddies, and the goals each shares with you (read-only)."""

from django.db.models import Count, Prefetch
from ninja import Router
from ninja.pagination import paginate

from accountability import selectors
from accountability.models import Agreement, BuddyCheckIn
from careergoals.apikit import READ_ERRORS, ErrorOut, Page
from goals.api.schemas import GoalDetailOut
from goals.models import Goal, MicroGoal
from goals.selectors import goals_with_step_counts

from .lookups import partnership_or_404
from .schemas import BuddyOut, person

router = Router(tags=["Buddies"])


def _agreement(agreement, user) -> dict | None:
    if agreement is None:
        return None
    status = selectors.agreement_status(agreement=agreement)
    return {
        "version": agreement.version,
        "working_toward": agreement.working_toward,
        "support": agreement.support,
        "cadence": agreement.cadence,
        "check_in_day": agreement.check_in_day,
        "you_confirmed": bool(status.get(user.pk, {}).get("current")),
        "both_confirmed": all(entry["current"] for entry in status.values()),
    }


@router.get(
    "/buddies",
    response={200: list[BuddyOut], **READ_ERRORS, 422: ErrorOut},
    summary="Your buddies",
)
@paginate(Page)
def buddies_list(request):
    """Your current buddies, oldest partnership first: since when, the rules you agreed, how
    many goals each shares with you and how many of their check-ins wait for your answer."""
    user = request.user
    partnerships = [buddy.partnership for buddy in selectors.buddies_page(user=user).buddies]
    agreements = {
        agreement.partnership_id: agreement
        for agreement in Agreement.objects.filter(partnership__in=partnerships).prefetch_related(
            "confirmations"
        )
    }
    shared = dict(
        Goal.objects.visible_to(user)
        .exclude(status=Goal.Status.ABANDONED)
        .values_list("owner_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    to_answer = dict(
        BuddyCheckIn.objects.filter(partnership__in=partnerships, acknowledged_at__isnull=True)
        .exclude(author=user)
        .values_list("partnership_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = []
    for partnership in partnerships:
        buddy = partnership.other(user)
        agreement = agreements.get(partnership.pk)
        if agreement is not None:
            agreement.partnership = partnership  # agreement_status reads its members
        rows.append(
            {
                "id": partnership.pk,
                "buddy": person(buddy),
                "since": partnership.created_at,
                "agreement": _agreement(agreement, user),
                "shared_goals": shared.get(buddy.pk, 0),
                "check_ins_to_answer": to_answer.get(partnership.pk, 0),
            }
        )
    return rows


@router.get(
    "/buddies/{partnership_id}/shared-goals",
    response={200: list[GoalDetailOut], **READ_ERRORS, 422: ErrorOut},
    summary="The goals a buddy shares with you",  # not shown (the API docs are English)
)
@paginate(Page)
def buddy_shared_goals(request, partnership_id: int):
    """Read-only: the buddy's goals you may see (as on your partnership's page: not the
    abandoned ones), soonest deadline first, each as ``GET /goals/{goal_id}`` answers it:
    read as the goal page reads it (``goal_for_page``, ``goal_steps``), for many goals."""
    partnership = partnership_or_404(request, partnership_id)
    buddy = partnership.other(request.user)
    goals = Goal.objects.visible_to(request.user).filter(owner=buddy)
    steps = MicroGoal.objects.select_related("suggested_by")
    return (
        goals_with_step_counts(goals.exclude(status=Goal.Status.ABANDONED))
        .select_related("owner", "vision_answer")
        .prefetch_related(Prefetch("micro_goals", queryset=steps))
        .order_by("target_date", "id")
    )
