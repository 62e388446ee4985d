"""Check-ins with a buddy: write this period's, read one, and the buddy's answer.

A partnership and a check-in come only through the selectors that check membership of a
current partnership: a stranger or an ex-buddy gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from careergoals.forms import add_service_errors

from .. import selectors, services
from ..forms_check_ins import CheckInAnswerForm, CheckInGoalForm
from .partnerships import _partnership, kept_record_or_404


def _goal_forms(page, data=None) -> list:
    return [
        (
            goal,
            CheckInGoalForm(data, prefix=f"goal-{goal.pk}", initial=page.prefill(goal)),
        )
        for goal in page.goals
    ]


@login_required
@require_http_methods(["GET", "POST"])
def check_in_write(request, pk):
    partnership = _partnership(request, pk)
    if partnership is None:
        return kept_record_or_404(request, pk)
    page = selectors.check_in_write_page(partnership=partnership, user=request.user)
    # Answered already: shown as done. A change posted meanwhile is refused by the service,
    # with the words just typed still in the page.
    locked = (
        request.method != "POST" and page.existing is not None and page.existing.is_acknowledged
    )
    forms = _goal_forms(page, request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST":
        if all(form.is_valid() for _prefix, form in forms):
            entries = {goal.pk: form.cleaned_data for goal, form in forms}
            try:
                check_in = services.check_in_save(
                    partnership=partnership, author=request.user, entries=entries
                )
            except ValidationError as refused:
                if hasattr(refused, "error_dict"):
                    for _prefix, form in forms:
                        add_service_errors(form, refused)
                error = " ".join(refused.messages)
            else:
                messages.success(
                    request,
                    _("Check-in sent. We told %(name)s; you’ll see their answer here.")
                    % {"name": page.other.name},
                )
                return redirect("buddies:check_in_detail", pk=check_in.pk)
        else:
            error = _("Some answers need a fix (marked below). Everything you wrote is still here.")
    context = {"page": page, "forms": forms, "error": error, "locked": locked}
    return render(request, "accountability/check_ins/write.html", context)


def _check_in_or_404(request, pk):
    check_in = selectors.check_in_for(user=request.user, pk=pk)
    if check_in is None:
        raise Http404("No such check-in")
    return check_in


def _detail(request, check_in, *, form=None, error=""):
    mine = check_in.author_id == request.user.pk
    context = {
        "check_in": check_in,
        "mine": mine,
        "other": check_in.partnership.other(request.user),
        "entries": selectors.check_in_visible_entries(check_in=check_in, viewer=request.user),
        "form": form or (None if mine or check_in.is_acknowledged else CheckInAnswerForm()),
        "error": error,
    }
    return render(request, "accountability/check_ins/detail.html", context)


@login_required
@require_safe
def check_in_detail(request, pk):
    return _detail(request, _check_in_or_404(request, pk))


@login_required
@require_POST
def check_in_acknowledge(request, pk):
    check_in = _check_in_or_404(request, pk)
    form = CheckInAnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, check_in, form=form)
    try:
        services.check_in_acknowledge(check_in=check_in, by=request.user, **form.cleaned_data)
    except ValidationError as refused:
        add_service_errors(form, refused)
        return _detail(request, check_in, form=form)
    messages.success(
        request, _("Sent. %(name)s will see your answer.") % {"name": check_in.author.name}
    )
    return redirect("buddies:check_in_detail", pk=check_in.pk)
