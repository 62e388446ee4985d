"""Micro-goals (people read "steps"): add, edit, reorder and tick in place with htmx; plain forms
without JS."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careergoals.forms import add_service_errors
from careergoals.users.timezones import user_today
from goals import selectors, services
from goals.forms import MicroGoalForm
from goals.models import MicroGoal

from .access import own_goal, own_micro_goal
from .regions import with_goal_regions


def _steps_section(request, goal, form=None, status=200, notice=""):
    context = {
        "goal": goal,
        "steps": selectors.goal_steps(goal),
        "step_form": form or MicroGoalForm(today=user_today(request.user)),
        "is_owner": True,
        "today": user_today(request.user),
        "notice": notice,
    }
    return render(request, "goals/partials/steps.html", context, status=status)


def _row(request, step, notice=""):
    context = {
        "step": step,
        "goal": step.goal,
        "is_owner": True,
        "today": user_today(request.user),
        "notice": notice,
    }
    return render(request, "goals/partials/step_row.html", context)


@login_required
@require_POST
def micro_goal_create(request, pk):
    goal = own_goal(request, pk)
    form = MicroGoalForm(request.POST, today=user_today(request.user))
    if form.is_valid():
        try:
            step = services.micro_goal_create(goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                response = _steps_section(
                    request, goal, notice=_("Step added: %(title)s") % {"title": step.title}
                )
                return with_goal_regions(response, request, goal)
            messages.success(request, _("Step added."))
            return redirect(f"{goal.get_absolute_url()}#steps")
    if request.htmx:
        return _steps_section(request, goal, form=form)
    return render(request, "goals/step_form_page.html", {"goal": goal, "form": form})


@login_required
@require_GET
def micro_goal_row(request, pk):
    """The read-only row: what "Cancel" on the inline edit form brings back."""
    return _row(request, own_micro_goal(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def micro_goal_edit(request, pk):
    step = own_micro_goal(request, pk)
    form = MicroGoalForm(request.POST or None, instance=step, today=user_today(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.micro_goal_update(micro_goal=step, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                response = _row(request, step, notice=_("Step saved"))
                return with_goal_regions(response, request, step.goal)
            messages.success(request, _("Step saved."))
            return redirect(f"{step.goal.get_absolute_url()}#steps")
    template = "goals/partials/step_edit.html" if request.htmx else "goals/step_form_page.html"
    return render(request, template, {"goal": step.goal, "step": step, "form": form})


def _status_notice(status: str) -> str:
    """What a step's new status (other than done) is called, in a whole sentence."""
    return {
        MicroGoal.Status.TODO: _("Step marked “to do”."),
        MicroGoal.Status.DOING: _("Step marked “doing”."),
        MicroGoal.Status.SKIPPED: _("Step marked “no longer needed”."),
    }[status]


@login_required
@require_POST
def micro_goal_status(request, pk):
    step = own_micro_goal(request, pk)
    status = request.POST.get("status", "")
    if status not in MicroGoal.Status.values:
        messages.error(request, _("That status isn’t available."))
        return redirect(step.goal.get_absolute_url())
    services.micro_goal_set_status(micro_goal=step, status=status)
    notice = _("Step done. Nice work!") if step.is_done else _status_notice(step.status)
    if request.htmx:
        return with_goal_regions(_row(request, step, notice=notice), request, step.goal)
    messages.success(request, notice)
    return redirect(f"{step.goal.get_absolute_url()}#step-{step.pk}")


@login_required
@require_POST
def micro_goal_move(request, pk):
    step = own_micro_goal(request, pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is not None:
        services.micro_goal_move(micro_goal=step, offset=offset)
    if request.htmx:
        response = _steps_section(request, step.goal, notice=_("Order saved"))
        return with_goal_regions(response, request, step.goal)
    return redirect(f"{step.goal.get_absolute_url()}#steps")


@login_required
@require_POST
def micro_goal_delete(request, pk):
    step = own_micro_goal(request, pk)
    goal = step.goal
    services.micro_goal_delete(micro_goal=step)
    if request.htmx:
        response = _steps_section(
            request, goal, notice=_("Step deleted: %(title)s") % {"title": step.title}
        )
        return with_goal_regions(response, request, goal)
    messages.success(request, _("Step deleted."))
    return redirect(f"{goal.get_absolute_url()}#steps")
