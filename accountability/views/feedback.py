"""Buddies' feedback, comments, nudges and congratulations on a goal they can see.

Goals come only through Goal.objects.visible_to / editable_by: anyone else gets 404.
With htmx the circle section of the goal page (#social) is swapped in place; a plain
form post goes back to the goal page, or to a small page with the form when it needs fixing.
"""

from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from careergoals.forms import add_service_errors
from goals.models import Goal

from .. import services
from ..forms_social import CommentForm, CongratulationForm, FeedbackForm
from ..models import Comment
from ..social import goal_social_context

PARTIAL = "accountability/partials/goal_social.html"
FORM_PAGE = "accountability/goal_social_form.html"


def _visible_goal(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.visible_to(request.user).select_related("owner"), pk=pk)


def _section(request, goal, *, notice="", error="", **forms):
    context = goal_social_context(goal=goal, user=request.user)
    context |= {"goal": goal, "social_notice": notice, "social_error": error, **forms}
    return render(request, PARTIAL, context)


def _done(request, goal, notice: str, anchor: str = "social"):
    if request.htmx:
        return _section(request, goal, notice=notice)
    messages.success(request, notice)
    return redirect(f"{goal.get_absolute_url()}#{anchor}")


def _refused(request, goal, error: ValidationError):
    text = " ".join(error.messages)
    if request.htmx:
        return _section(request, goal, error=text)
    messages.error(request, text)
    return redirect(f"{goal.get_absolute_url()}#social")


@dataclass(frozen=True)
class _FormPage:
    """Where a form that needs fixing is shown: its slot in the section, or a page of its own."""

    name: str  # the form's name in the goal's section
    title: str
    url_name: str
    button: str


FEEDBACK = _FormPage(
    "feedback_form",
    gettext_lazy("Is this attainable?"),
    "buddies:feedback_give",
    gettext_lazy("Send my answer"),
)
COMMENT = _FormPage(
    "comment_form",
    gettext_lazy("Add a comment"),
    "buddies:comment_add",
    gettext_lazy("Post comment"),
)
CONGRATULATION = _FormPage(
    "congratulation_form",
    gettext_lazy("Say congratulations"),
    "buddies:congratulate",
    gettext_lazy("Send congratulations"),
)


def _fix_form(request, goal, form, page: _FormPage):
    """The form again, with its errors and the text as typed (nothing is lost)."""
    if request.htmx:
        return _section(request, goal, **{page.name: form})
    context = {
        "goal": goal,
        "form": form,
        "title": page.title,
        "action": reverse(page.url_name, args=[goal.pk]),
        "button": page.button,
    }
    return render(request, FORM_PAGE, context)


def _post(request, goal, form, page: _FormPage, *, write, notice: str, anchor):
    """Validate, write through the service, and go back to the goal (at ``anchor``, or
    ``anchor(what was written)``); or show the form again with why it was refused."""
    if form.is_valid():
        try:
            written = write(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)  # shown with the form: what was typed stays
        else:
            return _done(request, goal, notice, anchor(written) if callable(anchor) else anchor)
    return _fix_form(request, goal, form, page)


@login_required
@require_POST
def feedback_give(request, pk):
    goal = _visible_goal(request, pk)
    return _post(
        request,
        goal,
        FeedbackForm(request.POST, auto_id="id_feedback_%s"),
        FEEDBACK,
        write=partial(services.feedback_give, goal=goal, author=request.user),
        notice=_("Thanks: %(name)s will see your answer.") % {"name": goal.owner.name},
        anchor="feedback",
    )


@login_required
@require_POST
def comment_add(request, pk):
    goal = _visible_goal(request, pk)
    return _post(
        request,
        goal,
        CommentForm(request.POST, goal=goal, auto_id="id_comment_%s"),
        COMMENT,
        write=partial(services.comment_add, goal=goal, author=request.user),
        notice=_("Comment posted."),
        anchor=lambda comment: f"comment-{comment.pk}",
    )


@login_required
@require_POST
def congratulate(request, pk):
    goal = _visible_goal(request, pk)
    return _post(
        request,
        goal,
        CongratulationForm(request.POST, auto_id="id_congrats_%s"),
        CONGRATULATION,
        write=partial(services.congratulate, goal=goal, author=request.user),
        notice=_("Your congratulations are on %(name)s’s goal.") % {"name": goal.owner.name},
        anchor="congratulations",
    )


@login_required
@require_POST
def nudge(request, pk):
    goal = _visible_goal(request, pk)
    try:
        services.nudge_send(goal=goal, sender=request.user)
    except ValidationError as error:
        return _refused(request, goal, error)
    notice = _("Nudge sent: %(name)s gets a friendly email.") % {"name": goal.owner.name}
    return _done(request, goal, notice)


@login_required
@require_POST
def comment_delete(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("goal__owner"),
        pk=pk,
        author=request.user,
        goal__in=Goal.objects.visible_to(request.user),
    )
    goal = comment.goal
    services.comment_delete(comment=comment, by=request.user)
    return _done(request, goal, _("Your comment is deleted."))


@login_required
@require_POST
def comment_hide(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("goal__owner"),
        pk=pk,
        goal__in=Goal.objects.editable_by(request.user),
    )
    goal = comment.goal
    services.comment_hide(comment=comment, by=request.user)
    if comment.hidden_at:
        notice = _("Comment hidden: your buddies no longer see it.")
    else:
        notice = _("Comment shown again to your buddies.")
    return _done(request, goal, notice, f"comment-{comment.pk}")
