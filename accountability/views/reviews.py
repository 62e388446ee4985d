"""Review meetings: propose a time, answer, walk through the shared goals, keep the notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accountability import selectors, services
from accountability.forms_reviews import AdjustForm, ReviewNotesForm, ReviewProposeForm
from accountability.models import Partnership, ReviewMeeting
from accountability.review_agenda import review_agenda
from careergoals.forms import add_service_errors
from goals.models import Goal

from .partnerships import kept_record_or_404, review_record


def _partnership(request, pk) -> Partnership:
    try:
        return selectors.partnership_for(user=request.user, pk=pk)
    except Partnership.DoesNotExist:
        raise Http404("No such partnership") from None


def _meeting(request, pk) -> ReviewMeeting:
    """Members of a current partnership only, else 404."""
    try:
        return selectors.review_meeting_for(user=request.user, pk=pk)
    except ReviewMeeting.DoesNotExist:
        raise Http404("No such review") from None


def _flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_http_methods(["GET", "POST"])
def review_propose(request, pk):
    try:
        partnership = _partnership(request, pk)
    except Http404:  # an old link, after the buddy deleted their account: the kept record
        return kept_record_or_404(request, pk)
    buddy = partnership.other(request.user)
    form = ReviewProposeForm(request.POST or None, proposer=request.user, buddy=buddy)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.review_propose(
                partnership=partnership,
                by=request.user,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Proposal sent. %(name)s gets an email with a calendar invitation.")
                % {"name": buddy.name},
            )
            return redirect("buddies:review_detail", pk=meeting.pk)
    return render(
        request,
        "accountability/review_propose.html",
        {"form": form, "partnership": partnership, "buddy": buddy},
    )


def _detail(request, meeting, *, adjust_form=None, notes_form=None):
    user = request.user
    partnership = meeting.partnership
    agenda = review_agenda(meeting=meeting, viewer=user)
    for row in agenda.mine:
        if adjust_form is not None and adjust_form.goal.pk == row.goal.pk:
            row.form, adjust_form = adjust_form, None
        else:
            row.form = AdjustForm(goal=row.goal)
    if adjust_form is not None:  # a goal this review doesn't cover: say why at the top
        for errors in adjust_form.errors.values():
            for message in errors:
                messages.error(request, message)
    buddy = partnership.other(user)
    context = {
        "meeting": meeting,
        "partnership": partnership,
        "buddy": buddy,
        "times": selectors.review_local_times(meeting=meeting, first=user),
        "agenda": agenda,
        "sections": [
            {
                "key": "mine",
                "heading": _("Your goals shared with %(name)s") % {"name": buddy.name},
                "rows": agenda.mine,
                "empty": _(
                    "You share no goals with %(name)s yet. Open a goal and choose who can see it."
                )
                % {"name": buddy.name},
            },
            {
                "key": "theirs",
                "heading": _("%(name)s’s goals shared with you") % {"name": buddy.name},
                "rows": agenda.theirs,
                "empty": _("%(name)s shares no goals with you yet.") % {"name": buddy.name},
            },
        ],
        "can_answer": selectors.review_answer_refusal(meeting=meeting, user=user) is None,
        "can_adjust": selectors.review_adjust_refusal(meeting=meeting, user=user) is None,
        "notes_refusal": meeting.notes_refusal(user),
        # A refused post comes back with every word typed, whatever the reason.
        "notes_form": notes_form or ReviewNotesForm(initial={"notes": meeting.notes}),
        "next_meeting": selectors.review_next(partnership=partnership, after=meeting.starts_at),
    }
    return render(request, "accountability/review_detail.html", context)


@login_required
@require_GET
def review_detail(request, pk):
    try:
        meeting = _meeting(request, pk)
    except Http404:  # kept on the partnership's page if the buddy deleted their account
        return review_record(request, pk)
    return _detail(request, meeting)


@login_required
@require_POST
def review_respond(request, pk):
    meeting = _meeting(request, pk)
    action = request.POST.get("action")
    if action not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or to decline."))
        return redirect("buddies:review_detail", pk=meeting.pk)
    try:
        services.review_respond(meeting=meeting, by=request.user, accept=action == "accept")
    except ValidationError as error:
        _flash(request, error)
    else:
        if action == "accept":
            messages.success(request, _("Agreed. It is in your calendar feed, too."))
        else:
            messages.info(request, _("Declined. Propose another time that suits you."))
            return redirect("buddies:review_propose", pk=meeting.partnership_id)
    return redirect("buddies:review_detail", pk=meeting.pk)


@login_required
@require_POST
def review_adjust(request, pk, goal_pk):
    meeting = _meeting(request, pk)
    # Only one's own goals can be adjusted: a buddy's goal is not found from here.
    goal = get_object_or_404(Goal.objects.editable_by(request.user), pk=goal_pk)
    try:  # a goal this review doesn't cover has no form on the page: say why at the top
        services.review_check_adjustable(meeting=meeting, by=request.user, goal=goal)
    except ValidationError as error:
        _flash(request, error)
        return redirect("buddies:review_detail", pk=meeting.pk)
    form = AdjustForm(request.POST, goal=goal)
    if form.is_valid():
        try:
            services.review_adjust(meeting=meeting, by=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved in the goal’s history."))
            return redirect(f"{reverse('buddies:review_detail', args=[meeting.pk])}#goal-{goal.pk}")
    return _detail(request, meeting, adjust_form=form)


@login_required
@require_POST
def review_complete(request, pk):
    meeting = _meeting(request, pk)
    form = ReviewNotesForm(request.POST)
    was_held = meeting.status == ReviewMeeting.Status.HELD
    if form.is_valid():
        try:
            services.review_complete(
                meeting=meeting, by=request.user, notes=form.cleaned_data["notes"]
            )
        except ValidationError as error:
            add_service_errors(form, error)  # the page shows why, with the notes still there
        else:
            if was_held:
                messages.success(request, _("Notes updated."))
            else:
                messages.success(
                    request,
                    _(
                        "Notes saved. The next review is proposed three months from now; "
                        "change the time if it doesn’t suit you."
                    ),
                )
            return redirect("buddies:review_detail", pk=meeting.pk)
    return _detail(request, meeting, notes_form=form)
