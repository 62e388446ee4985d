import hashlib
import threading
from collections import OrderedDict

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from careergoals.users.timezones import user_today
from goals import selectors
from goals.models import Goal

CONTENT_TEMPLATE = "goals/dashboard_content.html"
GOAL_FIELDS = tuple(field.attname for field in Goal._meta.concrete_fields)

# The rendered content by the digest of everything it shows, in this process only: a new
# deploy starts empty, so a changed template never meets an old page. Nothing to invalidate:
# any change to what the page shows (a goal's field, a step count, a deadline, the name, the
# day) makes another digest. Bounded; the oldest go first.
_contents: OrderedDict[str, str] = OrderedDict()
_CONTENTS_MAX_BYTES = 32 * 1024 * 1024
_contents_bytes = 0
_contents_lock = threading.Lock()  # for threaded servers


@login_required
@require_safe
def home(request):
    """The dashboard: goals by horizon, deadlines, achievements. New people start at the vision."""
    today = user_today(request.user)
    board = selectors.dashboard(user=request.user, today=today)
    if request.user.welcomed_at is None and not board.has_vision:
        return redirect("goals:vision")
    content = _content(board=board, today=today, user=request.user)
    return render(request, "goals/dashboard.html", {"content": content, "today": today})


def _content_digest(*, board: selectors.Dashboard, today, user) -> str:
    """A digest of every value goals/dashboard_content.html reads."""
    shown: list = [CONTENT_TEMPLATE, get_language(), today, user.name]
    shown += [board.open_count, board.has_vision]
    for label, cards in board.horizons:
        shown.append(label)
        for card in cards:
            goal = card.goal
            shown.append((card.url, goal.step_count, goal.steps_done, goal.steps_skipped))
            shown.append(tuple(getattr(goal, name) for name in GOAL_FIELDS))
    for deadline in (*board.overdue, *board.upcoming):
        shown.append((deadline.date, deadline.title, deadline.url, deadline.note))
    for goal in board.achievements:
        shown.append((goal.pk, goal.statement, goal.achieved_at))
    return hashlib.blake2b(repr(shown).encode(), digest_size=20).hexdigest()


def _content(*, board: selectors.Dashboard, today, user) -> str:
    global _contents_bytes
    digest = _content_digest(board=board, today=today, user=user)
    with _contents_lock:
        content = _contents.get(digest)
        if content is not None:
            _contents.move_to_end(digest)
            return content
    content = render_to_string(CONTENT_TEMPLATE, {"board": board, "today": today, "user": user})
    with _contents_lock:
        if digest not in _contents:
            _contents[digest] = content
            _contents_bytes += len(content)
        while _contents_bytes > _CONTENTS_MAX_BYTES and len(_contents) > 1:
            _contents_bytes -= len(_contents.popitem(last=False)[1])
    return content
