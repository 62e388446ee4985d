"""Start from an example; share one's own goal as an example; remove it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careergoals.forms import add_service_errors
from careergoals.users.timezones import user_today
from goals import selectors, selectors_examples, services_examples
from goals.forms import GoalForm
from goals.forms_examples import ExampleStepsForm, ShareExampleForm, initial_from_example
from goals.models import GoalExample

from .access import own_goal


@login_required
@require_GET
def example_list(request):
    picker = selectors_examples.example_picker(
        user=request.user, category=request.GET.get("category", "")
    )
    return render(request, "goals/examples/picker.html", {"picker": picker})


@login_required
@require_http_methods(["GET", "POST"])
def example_use(request, pk):
    """The goal form, opened with the example; on save, the goal and its chosen steps."""
    try:
        example = selectors_examples.example_for_use(user=request.user, pk=pk)
    except GoalExample.DoesNotExist:
        raise Http404 from None
    today = user_today(request.user)
    data = request.POST if request.method == "POST" else None
    form = GoalForm(
        data,
        initial=initial_from_example(example, today),
        owner=request.user,
        today=today,
        vision_answers=selectors.latest_vision_answers(user=request.user),
    )
    steps_form = ExampleStepsForm(data, example=example, today=today)
    if data is not None and form.is_valid() and steps_form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if name != "note"}
        try:
            goal = services_examples.goal_create_from_example(
                owner=request.user, example=example, step_ids=steps_form.chosen(), **values
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            added = len(steps_form.chosen())
            messages.success(
                request,
                ngettext(
                    "Goal saved with %(count)s dated step. Move any date that doesn’t suit you.",
                    "Goal saved with %(count)s dated steps. Move any date that doesn’t suit you.",
                    added,
                )
                % {"count": added}
                if added
                else _("Goal saved. Next, split it into a few dated steps."),
            )
            return redirect("goals:goal_detail", pk=goal.pk)
    context = {"form": form, "smart": form.smart_report(), "example": example}
    context["steps_form"] = steps_form
    return render(request, "goals/goal_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_save_example(request, pk):
    """The owner shares their goal, in words fit for others, with their buddies."""
    goal = own_goal(request, pk)
    initial = {"title": goal.statement[:120], "statement": goal.statement}
    form = ShareExampleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_examples.goal_example_save(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Shared with your buddies as an example. They’ll find it under "
                    "“Start from an example” when they write a goal."
                ),
            )
            return redirect("goals:goal_detail", pk=goal.pk)
    steps = [step for step in selectors.goal_steps(goal) if step.status != "skipped"]
    return render(
        request,
        "goals/examples/share.html",
        {"form": form, "goal": goal, "steps": steps},
    )


@login_required
@require_POST
def example_remove(request, pk):
    example = get_object_or_404(GoalExample.objects.removable_by(request.user), pk=pk)
    services_examples.goal_example_remove(example=example, by=request.user)
    messages.success(request, _("The example is removed. Goals started from it stay as they are."))
    return redirect("goals:example_list")
