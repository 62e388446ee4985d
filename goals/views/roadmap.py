"""The 1/5/10-year roadmap: every goal on one time axis, grouped by category."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from careergoals import fragments
from careergoals.users.timezones import user_today

from .. import selectors
from ..roadmap import roadmap_layout


@login_required
@require_safe
def roadmap(request):
    today = user_today(request.user)
    layout = roadmap_layout(
        goals=selectors.roadmap_goals(request.user),
        today=today,
        fit=True,
        url_of=selectors.goal_page_url_maker(),
    )

    def grid() -> dict:  # every track has the same grid behind it: drawn once per page
        return {"grid": render_to_string("goals/roadmap_grid.html", {"ticks": layout.ticks})}

    content = fragments.render(
        "goals/roadmap_content.html",
        {"roadmap": layout, "today": today, "user": request.user},
        request=request,
        build=grid,
    )
    return render(request, "goals/roadmap.html", {"content": content})
