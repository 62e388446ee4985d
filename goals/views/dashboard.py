from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from careergoals import fragments
from careergoals.users.timezones import user_today
from goals import selectors


@login_required
@require_safe
def home(request):
    """The dashboard: goals by horizon, deadlines, achievements. New people start at the vision."""
    today = user_today(request.user)
    board = selectors.dashboard(user=request.user, today=today)
    if request.user.welcomed_at is None and not board.has_vision:
        return redirect("goals:vision")
    content = fragments.render(
        "goals/dashboard_content.html",
        {"board": board, "today": today, "user": request.user},
        request=request,
    )
    return render(request, "goals/dashboard.html", {"content": content, "today": today})
