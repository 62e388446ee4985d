"""A buddy suggests a step or a change on a goal they can see; the owner answers."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from accountability import selectors, services
from accountability.forms_suggestions import (
    DeclineForm,
    SuggestChangeForm,
    SuggestStepForm,
    accept_form,
)
from accountability.models import Suggestion
from careergoals.apikit import READ_ERRORS, WRITE_ERRORS, ErrorOut, Page
from careergoals.users.timezones import user_today
from goals.models import Goal

from .lookups import valid, visible_goal_or_404
from .schemas import SuggestionAcceptIn, SuggestionDeclineIn, SuggestionIn, SuggestionOut

router = Router(tags=["Suggestions"])


def _own_suggestion(request, pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.select_related("goal__owner", "author"),
        pk=pk,
        goal__in=Goal.objects.editable_by(request.user),
    )


@router.get(
    "/goals/{goal_id}/suggestions",
    response={200: list[SuggestionOut], **READ_ERRORS, 422: ErrorOut},
    summary="Suggestions on a goal",  # not shown (the API docs are English)
)
@paginate(Page)
def goal_suggestions(request, goal_id: int):
    """The owner sees every suggestion on their goal; a buddy only their own. Those waiting
    for an answer first, newest first."""
    goal = visible_goal_or_404(request, goal_id)
    found = selectors.goal_suggestions(goal=goal, user=request.user)
    return found.pending + found.answered


@router.post(
    "/goals/{goal_id}/suggestions",
    response={201: SuggestionOut} | WRITE_ERRORS,
    summary="Suggest a step or a change on a buddy's goal",  # not shown (the API docs are English)
)
def goal_suggest(request, goal_id: int, payload: SuggestionIn):
    """A step to add, or a new deadline and/or target, for an open goal a buddy shares with
    you. Nothing changes on the goal until its owner accepts; they are told."""
    goal = visible_goal_or_404(request, goal_id)
    today = user_today(goal.owner)  # as the page: the owner's calendar bounds the dates
    data = payload.dict(exclude={"kind"})
    if payload.kind == Suggestion.Kind.STEP:
        cleaned = valid(SuggestStepForm(data=data, goal=goal, today=today))
        suggestion = services.suggestion_step_add(goal=goal, author=request.user, **cleaned)
    else:
        cleaned = valid(SuggestChangeForm(data=data, goal=goal, today=today))
        suggestion = services.suggestion_change_add(goal=goal, author=request.user, **cleaned)
    return Status(201, suggestion)


@router.post(
    "/suggestions/{suggestion_id}/accept",
    response={200: SuggestionOut} | WRITE_ERRORS,
    summary="Accept a suggestion on your goal",  # not shown (the API docs are English)
)
def suggestion_accept(request, suggestion_id: int, payload: SuggestionAcceptIn):
    """The owner takes it on board, as suggested or with the fields given here changed (the
    same checks as their own forms): a step becomes a step of the goal, a change changes it."""
    suggestion = _own_suggestion(request, suggestion_id)
    form = accept_form(suggestion, today=user_today(request.user))
    given = payload.dict(exclude_none=True)
    data = {name: form[name].initial for name in form.fields} | {
        name: value for name, value in given.items() if name in form.fields
    }
    form = accept_form(suggestion, data=data, today=user_today(request.user))
    changes = dict(valid(form))
    note = changes.pop("note", "")
    return services.suggestion_accept(suggestion=suggestion, by=request.user, note=note, **changes)


@router.post(
    "/suggestions/{suggestion_id}/decline",
    response={200: SuggestionOut} | WRITE_ERRORS,
    summary="Decline a suggestion on your goal",  # not shown (the API docs are English)
)
def suggestion_decline(request, suggestion_id: int, payload: SuggestionDeclineIn):
    """The owner says no, thanks, with a note for the buddy if they like. The goal stays."""
    suggestion = _own_suggestion(request, suggestion_id)
    cleaned = valid(DeclineForm(data=payload.dict()))
    return services.suggestion_decline(suggestion=suggestion, by=request.user, **cleaned)
