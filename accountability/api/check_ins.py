"""Check-ins with a buddy: the pair's list, writing this period's, and the buddy's answer.

(A goal's measured check-ins are the goals part of the API.)"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from accountability import selectors, services
from accountability.forms_check_ins import CheckInAnswerForm, CheckInGoalForm
from accountability.models import BuddyCheckIn, BuddyCheckInEntry
from careergoals.apikit import READ_ERRORS, WRITE_ERRORS, ErrorOut, Page
from goals.models import Goal

from .lookups import partnership_or_404, valid
from .schemas import BuddyCheckInIn, BuddyCheckInOut, CheckInAnswerIn, CheckInPeriodOut

router = Router(tags=["Check-ins with a buddy"])


@router.get(
    "/partnerships/{partnership_id}/check-ins",
    response={200: list[BuddyCheckInOut], **READ_ERRORS, 422: ErrorOut},
    summary="Check-ins between you and a buddy",
)
@paginate(Page)
def partnership_check_ins(request, partnership_id: int):
    """Both of yours, latest agreed day first, each with what it says about the goals you can
    see (``check_in_visible_entries``: a goal made private since drops out)."""
    partnership = partnership_or_404(request, partnership_id)
    visible = Goal.objects.visible_to(request.user).values("pk")
    entries = (
        BuddyCheckInEntry.objects.filter(goal_id__in=visible)
        .select_related("goal")
        .order_by("goal__target_date", "goal_id")
    )
    return (
        BuddyCheckIn.objects.filter(partnership=partnership)
        .select_related("author", "acknowledged_by")
        .prefetch_related(Prefetch("entries", queryset=entries, to_attr="visible_entries"))
        .order_by("-due_on", "-id")
    )


def _check_in_or_404(request, pk: int) -> BuddyCheckIn:
    check_in = selectors.check_in_for(user=request.user, pk=pk)
    if check_in is None:
        raise Http404
    check_in.visible_entries = selectors.check_in_visible_entries(
        check_in=check_in, viewer=request.user
    )
    return check_in


@router.get(
    "/partnerships/{partnership_id}/check-ins/current",
    response={200: CheckInPeriodOut, **READ_ERRORS, 422: ErrorOut},
    summary="This period's check-in with a buddy",  # not shown (the API docs are English)
)
def partnership_check_in_current(request, partnership_id: int):
    """What writing this period's check-in starts from (``check_in_write_page``): the agreed
    day, the goals you share with this buddy with their prefilled words, and the check-in
    you wrote for this day, if any."""
    partnership = partnership_or_404(request, partnership_id)
    page = selectors.check_in_write_page(partnership=partnership, user=request.user)
    written = None
    if page.existing is not None:
        written = _check_in_or_404(request, page.existing.pk)
    goals = []
    for goal in page.goals:
        prefill = {"in_the_way": "", "confidence": None} | page.prefill(goal)
        goals.append({"goal_id": goal.pk, "goal_statement": goal.statement, **prefill})
    return {
        "partnership_id": partnership.pk,
        "due_on": page.due_on,
        "rhythm_agreed": page.rhythm is not None,
        "since": page.since,
        "goals": goals,
        "written": written,
    }


@router.post(
    "/partnerships/{partnership_id}/check-ins",
    response={200: BuddyCheckInOut} | WRITE_ERRORS,
    summary="Write this period's check-in with a buddy",
)
def partnership_check_in_write(request, partnership_id: int, payload: BuddyCheckInIn):
    """Your check-in for the current agreed day, about goals you share with this buddy (at
    least one line); written again, it replaces the words until the buddy answered."""
    partnership = partnership_or_404(request, partnership_id)
    entries, errors = {}, {}
    for index, entry in enumerate(payload.entries):
        form = CheckInGoalForm(data=entry.dict(exclude={"goal_id"}))
        if entry.goal_id in entries:
            errors[f"entries.{index}.goal_id"] = [_("Each goal once, please.")]
        elif form.is_valid():
            entries[entry.goal_id] = form.cleaned_data
        else:
            for name, messages in form.errors.items():
                errors[f"entries.{index}.{name}"] = messages
    if errors:
        raise ValidationError(errors)
    check_in = services.check_in_save(partnership=partnership, author=request.user, entries=entries)
    return _check_in_or_404(request, check_in.pk)


@router.get(
    "/buddy-check-ins/{check_in_id}",
    response={200: BuddyCheckInOut, **READ_ERRORS, 422: ErrorOut},
    summary="One check-in with a buddy",
)
def check_in_detail(request, check_in_id: int):
    """A check-in of a current partnership of yours, either of you wrote."""
    return _check_in_or_404(request, check_in_id)


@router.post(
    "/buddy-check-ins/{check_in_id}/answer",
    response={200: BuddyCheckInOut} | WRITE_ERRORS,
    summary="Answer your buddy's check-in",
)
def check_in_answer(request, check_in_id: int, payload: CheckInAnswerIn):
    """The buddy it was written to says they read it: a reaction and a reply if they like.
    Once: it can't be changed afterwards."""
    check_in = _check_in_or_404(request, check_in_id)
    cleaned = valid(CheckInAnswerForm(data=payload.dict()))
    services.check_in_acknowledge(check_in=check_in, by=request.user, **cleaned)
    return check_in
