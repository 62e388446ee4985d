import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careergoals import fragments
from careergoals.forms import add_service_errors
from careergoals.users.timezones import user_today
from goals import extensions, selectors, services
from goals.forms import AbandonForm, GoalForm, MicroGoalForm
from goals.models import Goal

from .access import own_goal, viewable_goal
from .progress import progress_context


def _goal_form(request, *, data=None, instance=None, initial=None):
    return GoalForm(
        data,
        instance=instance,
        initial=initial,
        owner=request.user,
        today=user_today(request.user),
        vision_answers=selectors.vision_answer_choices(user=request.user, goal=instance),
    )


def _form_values(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "note"}


def _create_initial(request) -> dict:
    initial = {}
    horizon = request.GET.get("horizon")
    if horizon in {str(h.value) for h in Goal.Horizon}:
        initial["horizon"] = int(horizon)
    source = request.GET.get("from_reflection")
    if source and source.isdigit():
        previous = Goal.objects.editable_by(request.user).filter(pk=int(source)).first()
        if previous is not None:
            initial["category"] = previous.category
            initial["vision_answer"] = previous.vision_answer_id
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request):
    form = _goal_form(request, data=request.POST or None, initial=_create_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(owner=request.user, **_form_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Goal saved. Next, split it into a few dated steps."))
            return redirect("goals:goal_detail", pk=goal.pk)
    return render(request, "goals/goal_form.html", {"form": form, "smart": form.smart_report()})


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = own_goal(request, pk)
    form = _goal_form(request, data=request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                goal=goal, note=form.cleaned_data.get("note", ""), **_form_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("goals:goal_detail", pk=goal.pk)
    goal.refresh_from_db()
    return render(
        request,
        "goals/goal_form.html",
        {"form": form, "goal": goal, "smart": form.smart_report(goal)},
    )


@login_required
@require_POST
def smart_check(request):
    """htmx: the SMART panel for the goal form as it is being typed."""
    goal = None
    goal_pk = request.POST.get("goal_pk", "")
    if goal_pk.isdigit():
        goal = Goal.objects.editable_by(request.user).filter(pk=int(goal_pk)).first()
    form = GoalForm(request.POST, owner=request.user, today=user_today(request.user))
    report = form.smart_report(goal)
    return render(request, "goals/partials/smart_panel.html", {"smart": report, "live": True})


@login_required
@require_GET
def goal_detail(request, pk):
    return _detail(request, pk)


@functools.lru_cache(maxsize=16)
def _blank_step_fields(today, language) -> str:
    """The fields of an empty add-a-step form depend only on the day (its date window) and the
    language of their labels: drawn once per day and language in this process rather than on
    every goal page (five form fields). ``language`` is the active one, passed for the key."""
    return render_to_string("goals/partials/step_fields.html", {"form": MicroGoalForm(today=today)})


def _detail(request, pk, *, abandon_form=None):
    try:
        goal = selectors.goal_for_page(user=request.user, pk=pk)
    except Goal.DoesNotExist:
        raise Http404 from None
    today = user_today(request.user)
    card = selectors.goal_card(goal, today)
    context = {
        "goal": goal,
        "card": card,
        "smart": card.smart,
        "today": today,
        "steps": selectors.goal_steps(goal),
        "step_form": MicroGoalForm(today=today),
        "history": selectors.goal_history(goal, limit=5),
        "is_owner": goal.owner_id == request.user.pk,
        "abandon_form": abandon_form or AbandonForm(),
    }
    if context["is_owner"] and goal.is_open:
        context["step_fields"] = _blank_step_fields(today, get_language())
    context |= progress_context(goal=goal, today=today, viewer=request.user)
    panels_context, context["panels"] = extensions.goal_page_panels(goal=goal, user=request.user)
    context |= panels_context  # accountability: who sees it, feedback, comments
    context["user"] = request.user
    content = fragments.render("goals/goal_detail_content.html", context, request=request)
    return render(request, "goals/goal_detail.html", {"goal": goal, "content": content})


@login_required
@require_GET
def goal_history(request, pk):
    goal = viewable_goal(request, pk)
    return render(
        request, "goals/goal_history.html", {"goal": goal, "history": selectors.goal_history(goal)}
    )


@login_required
@require_POST
def goal_status(request, pk):
    goal = own_goal(request, pk)
    action = request.POST.get("action")
    try:
        if action == "activate":
            services.goal_activate(goal=goal)
            messages.success(
                request, _("Your goal is active. Reminders will follow its deadlines.")
            )
        elif action == "achieve":
            services.goal_achieve(goal=goal)
            return redirect("goals:goal_celebrate", pk=goal.pk)
        elif action == "abandon":
            form = AbandonForm(request.POST)
            if not form.is_valid():  # the page again, with the reason as typed
                return _detail(request, goal.pk, abandon_form=form)
            services.goal_abandon(goal=goal, reason=form.cleaned_data["reason"])
            messages.info(request, _("The goal is closed. Its history stays for your reviews."))
        elif action == "reopen":
            services.goal_reopen(goal=goal)
            messages.success(request, _("The goal is open again, as a draft."))
        else:
            messages.error(request, _("That action isn’t available."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("goals:goal_detail", pk=goal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, pk):
    goal = own_goal(request, pk)
    if request.method == "POST":
        services.goal_delete(goal=goal)
        messages.success(request, _("The goal and its steps are deleted."))
        return redirect("goals:home")
    return render(request, "goals/goal_delete.html", {"goal": goal})
