"""The parts of the goal page that follow its steps and check-ins.

An in-place (htmx) change to a step or a check-in answers with the fragment it was asked for,
plus these regions marked ``hx-swap-oob``, so the progress bar, the step count, the SMART
check and the "Start this goal" hint never go stale until a reload.
"""

from django.template.loader import render_to_string

from careergoals.users.timezones import user_today
from goals import selectors

TEMPLATE = "goals/partials/goal_regions_oob.html"


def with_goal_regions(response, request, goal):
    """Append the goal page's dependent regions to an htmx response (two queries)."""
    fresh = selectors.goal_for_page(user=request.user, pk=goal.pk)
    card = selectors.goal_card(fresh, user_today(request.user))
    context = {"goal": fresh, "card": card, "smart": card.smart, "is_owner": True}
    response.write(render_to_string(TEMPLATE, context, request=request))
    return response
