"""The one way views fetch goals and steps: through visible_to / editable_by, 404 otherwise."""

from django.shortcuts import get_object_or_404

from goals.models import Goal, MicroGoal


def viewable_goal(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.visible_to(request.user), pk=pk)


def own_goal(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.editable_by(request.user), pk=pk)


def own_micro_goal(request, pk: int) -> MicroGoal:
    return get_object_or_404(
        MicroGoal.objects.select_related("goal", "goal__owner").filter(
            goal__in=Goal.objects.editable_by(request.user)
        ),
        pk=pk,
    )
