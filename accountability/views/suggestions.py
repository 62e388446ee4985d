"""A buddy suggests a step or a change on a goal they can see; the owner answers.

Goals come only through Goal.objects.visible_to (to suggest) or editable_by (to answer):
anyone else gets 404. With htmx the suggestions section of the goal page (#suggestions) is
swapped in place; a plain form post goes back to the goal page, or to a small page with the
form when it needs fixing. Accepting changes the steps or the goal itself, so it always
goes back to the goal page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from careergoals.forms import add_service_errors
from careergoals.users.timezones import user_today
from goals.models import Goal

from .. import services
from ..forms_suggestions import DeclineForm, SuggestChangeForm, SuggestStepForm, accept_form
from ..models import Suggestion
from ..selectors import goal_suggestions

PANEL = "accountability/suggestions/panel.html"
FORM_PAGE = "accountability/suggestions/form_page.html"
ACCEPT_PAGE = "accountability/suggestions/accept.html"


def _step_form(goal, data=None):
    return SuggestStepForm(data, goal=goal, today=user_today(goal.owner), auto_id="id_sstep_%s")


def _change_form(goal, data=None):
    return SuggestChangeForm(data, goal=goal, today=user_today(goal.owner), auto_id="id_schange_%s")


def goal_suggestions_context(*, goal: Goal, user) -> dict:
    """The goal page's suggestions panel (``goals.extensions``): one query, whatever the size."""
    is_owner = goal.owner_id == user.pk
    may_suggest = not is_owner and goal.is_open
    return {
        "suggestions": goal_suggestions(goal=goal, user=user),
        "suggestions_owner": is_owner,
        "suggest_step_form": _step_form(goal) if may_suggest else None,
        "suggest_change_form": _change_form(goal) if may_suggest else None,
        "decline_form": None,  # bound when a note was refused (decline_for: which one)
        "decline_for": None,
    }


def _panel(request, goal, *, notice="", error="", **forms):
    context = goal_suggestions_context(goal=goal, user=request.user)
    context |= {"goal": goal, "suggestions_notice": notice, "suggestions_error": error, **forms}
    return render(request, PANEL, context)


def _done(request, goal, notice: str, anchor: str = "suggestions"):
    if request.htmx:
        return _panel(request, goal, notice=notice)
    messages.success(request, notice)
    return redirect(f"{goal.get_absolute_url()}#{anchor}")


def _visible_goal(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.visible_to(request.user).select_related("owner"), pk=pk)


def _own_suggestion(request, pk: int) -> Suggestion:
    return get_object_or_404(
        Suggestion.objects.select_related("goal__owner", "author"),
        pk=pk,
        goal__in=Goal.objects.editable_by(request.user),
    )


def _suggest(request, pk, *, form_factory, write, name: str, title: str, url_name: str):
    goal = _visible_goal(request, pk)
    form = form_factory(goal, request.POST)
    if form.is_valid():
        try:
            suggestion = write(goal=goal, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)  # shown with the form: what was typed stays
        else:
            notice = _("Suggestion sent: %(name)s decides whether to take it on board.") % {
                "name": goal.owner.name
            }
            return _done(request, goal, notice, f"suggestion-{suggestion.pk}")
    if request.htmx and goal.owner_id != request.user.pk:  # the owner has no such form
        return _panel(request, goal, **{name: form})
    context = {
        "goal": goal,
        "form": form,
        "title": title,
        "action": reverse(url_name, args=[goal.pk]),
    }
    return render(request, FORM_PAGE, context)


@login_required
@require_POST
def suggest_step(request, pk):
    return _suggest(
        request,
        pk,
        form_factory=_step_form,
        write=services.suggestion_step_add,
        name="suggest_step_form",
        title=_("Suggest a step"),
        url_name="buddies:suggest_step",
    )


@login_required
@require_POST
def suggest_change(request, pk):
    return _suggest(
        request,
        pk,
        form_factory=_change_form,
        write=services.suggestion_change_add,
        name="suggest_change_form",
        title=_("Suggest a change to the goal"),
        url_name="buddies:suggest_change",
    )


def _accepted_notice(suggestion: Suggestion) -> str:
    if suggestion.is_step:
        return _("Step added, with thanks to %(name)s.") % {"name": suggestion.credited}
    return _("Goal updated, with thanks to %(name)s.") % {"name": suggestion.credited}


@login_required
@require_POST
def suggestion_accept(request, pk):
    """Accept as it is: a plain post, back to the goal page (its steps or header changed)."""
    suggestion = _own_suggestion(request, pk)
    goal = suggestion.goal
    try:
        services.suggestion_accept(suggestion=suggestion, by=request.user)
    except ValidationError as error:
        # Say why, and offer the edit page, where a date that passed meanwhile can be fixed.
        messages.error(request, " ".join(error.messages))
        if suggestion.is_pending and goal.is_open:
            return redirect("buddies:suggestion_edit", pk=suggestion.pk)
        return redirect(f"{goal.get_absolute_url()}#suggestions")
    messages.success(request, _accepted_notice(suggestion))
    anchor = "steps" if suggestion.is_step else "suggestions"
    return redirect(f"{goal.get_absolute_url()}#{anchor}")


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_edit(request, pk):
    """The owner adjusts the suggestion, then accepts it."""
    suggestion = _own_suggestion(request, pk)
    goal = suggestion.goal
    if not suggestion.is_pending:
        messages.info(request, _("You already answered this suggestion."))
        return redirect(f"{goal.get_absolute_url()}#suggestion-{suggestion.pk}")
    form = accept_form(suggestion, data=request.POST or None, today=user_today(request.user))
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        note = changes.pop("note", "")
        try:
            services.suggestion_accept(suggestion=suggestion, by=request.user, note=note, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _accepted_notice(suggestion))
            anchor = "steps" if suggestion.is_step else "suggestions"
            return redirect(f"{goal.get_absolute_url()}#{anchor}")
    return render(request, ACCEPT_PAGE, {"goal": goal, "suggestion": suggestion, "form": form})


@login_required
@require_POST
def suggestion_decline(request, pk):
    suggestion = _own_suggestion(request, pk)
    goal = suggestion.goal
    form = DeclineForm(request.POST, auto_id="id_decline_%s")
    if form.is_valid():
        try:
            services.suggestion_decline(
                suggestion=suggestion, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(
                request,
                goal,
                _("Declined. %(name)s sees your note.") % {"name": suggestion.author_name}
                if suggestion.author_id
                else _("Declined."),
            )
    if request.htmx:
        return _panel(request, goal, decline_form=form, decline_for=suggestion.pk)
    context = {
        "goal": goal,
        "form": form,
        "title": _("Decline the suggestion"),
        "action": reverse("buddies:suggestion_decline", args=[suggestion.pk]),
        "suggestion": suggestion,
    }
    return render(request, FORM_PAGE, context)
