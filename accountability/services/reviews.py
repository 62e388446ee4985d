"""Regular review meetings: propose, accept, walk through the shared goals, adjust, take notes."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from accountability.calendar_ics import meeting_ics
from accountability.models import Partnership, ReviewMeeting
from accountability.models.review import DURATION_RANGE, REVIEW_DAY_FORMAT, REVIEW_NOTE
from accountability.reminders import arm_meeting
from accountability.selectors import (
    review_adjust_refusal,
    review_answer_refusal,
    review_local_times,
    review_member_refusal,
    review_next,
)
from accountability.services.calendar import calendar_changed
from careergoals.notifications.services import absolute_url, notify
from careergoals.users.timezones import user_today, user_zone
from goals import bounds
from goals import services as goal_services
from goals.models import Goal
from goals.models.goal import status_in_sentence
from goals.months import add_months

__all__ = [
    "REVIEW_EVERY_MONTHS",
    "review_adjust",
    "review_check_adjustable",
    "review_complete",
    "review_propose",
    "review_respond",
]

REVIEW_EVERY_MONTHS = 3
OPEN = (Goal.Status.DRAFT, Goal.Status.ACTIVE)
ICS_NAME = "review.ics"


def _day_label(meeting: ReviewMeeting, user) -> str:
    return dateformat.format(meeting.starts_at.astimezone(user_zone(user)), REVIEW_DAY_FORMAT)


# --- Checks --------------------------------------------------------------------------------


def _check_member(partnership: Partnership, user) -> None:
    refusal = review_member_refusal(partnership=partnership, user=user)
    if refusal:
        raise ValidationError(refusal)


def _check_future(starts_at: datetime.datetime) -> None:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be an aware datetime")
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("That time has passed. Pick a time in the future.")})


def _ics(meeting: ReviewMeeting) -> tuple[str, str, str]:
    """The notify() attachment: (file name, MIME type, content)."""
    return (ICS_NAME, "text/calendar", meeting_ics(meeting).decode())


def _url(meeting: ReviewMeeting) -> str:
    return reverse("buddies:review_detail", args=[meeting.pk])


# --- Propose and answer --------------------------------------------------------------------


@transaction.atomic
def review_propose(
    *, partnership: Partnership, by, starts_at, duration_minutes: int = 60, place: str = ""
) -> ReviewMeeting:
    """Suggest a time; the other buddy accepts. A new proposal replaces unanswered ones."""
    _check_member(partnership, by)
    _check_future(starts_at)
    low, high = DURATION_RANGE
    if not low <= duration_minutes <= high:
        raise ValidationError(
            {
                "duration_minutes": _("A review lasts between %(low)s and %(high)s minutes.")
                % {"low": low, "high": high}
            }
        )
    replaced = partnership.review_meetings.filter(status=ReviewMeeting.Status.PROPOSED).update(
        status=ReviewMeeting.Status.CANCELLED, responded_at=timezone.now()
    )
    meeting = ReviewMeeting(
        partnership=partnership,
        proposed_by=by,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
    )
    meeting.full_clean()
    meeting.save()
    arm_meeting(meeting)
    calendar_changed(people=[partnership.user_low_id, partnership.user_high_id])
    _notify_proposed(meeting, replaced=bool(replaced))
    return meeting


def _notify_proposed(meeting: ReviewMeeting, *, replaced: bool = False) -> None:
    proposer = meeting.proposed_by
    other = meeting.partnership.other(proposer)
    times = review_local_times(meeting=meeting, first=other)
    # The subject's date, the attached invitation: in the recipient's language.
    with translation.override(other.email_language):
        notify(
            kind="review_proposed",
            recipient=other,
            subject=_("%(name)s proposes a goal review on %(day)s")
            % {"name": proposer.name, "day": times[0].short},
            template="review_proposed",
            context={
                "meeting": meeting,
                "proposer": proposer,
                "times": times,
                "replaced": replaced,
            },
            url=_url(meeting),
            attachment=_ics(meeting),
        )


@transaction.atomic
def review_respond(*, meeting: ReviewMeeting, by, accept: bool) -> ReviewMeeting:
    """The buddy who did not propose the time accepts or declines it."""
    meeting = ReviewMeeting.objects.select_for_update().get(pk=meeting.pk)
    partnership = meeting.partnership
    refusal = review_answer_refusal(meeting=meeting, user=by)  # the rule the page asks, too
    if refusal:
        raise ValidationError(refusal)
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed. Propose a new one."))
    meeting.status = ReviewMeeting.Status.ACCEPTED if accept else ReviewMeeting.Status.DECLINED
    meeting.responded_at = timezone.now()
    meeting.save(update_fields=["status", "responded_at"])
    arm_meeting(meeting)  # declined: its reminder is called off
    calendar_changed(people=[partnership.user_low_id, partnership.user_high_id])
    proposer = meeting.proposed_by
    if proposer is not None:
        times = review_local_times(meeting=meeting, first=proposer)
        with translation.override(proposer.email_language):
            if accept:
                subject = _("%(name)s accepted the goal review on %(day)s")
            else:
                subject = _("%(name)s can’t make the goal review on %(day)s")
            notify(
                kind="review_accepted" if accept else "review_declined",
                recipient=proposer,
                subject=subject % {"name": by.name, "day": times[0].short},
                template="review_accepted",
                context={"meeting": meeting, "buddy": by, "times": times, "accepted": accept},
                url=_url(meeting)
                if accept
                else reverse("buddies:review_propose", args=[partnership.pk]),
                attachment=_ics(meeting) if accept else None,
            )
    return meeting


# --- Adjust a goal during the review -------------------------------------------------------


def _status_change(goal: Goal, status: str, note: str) -> None:
    """Move a goal to another status through the goals services."""
    opened = goal.is_open
    if status == Goal.Status.ACHIEVED and opened:
        goal_services.goal_achieve(goal=goal, note=note)
    elif status == Goal.Status.ABANDONED and opened:
        goal_services.goal_abandon(goal=goal, reason=note)
    elif status == Goal.Status.ACTIVE:
        if not opened:
            goal_services.goal_reopen(goal=goal, note=note)
        goal_services.goal_activate(goal=goal, note=note)
    elif status == Goal.Status.DRAFT and not opened:
        goal_services.goal_reopen(goal=goal, note=note)
    else:
        raise ValidationError(
            {
                "status": _("A goal that is %(now)s can’t become %(then)s.")
                % {
                    "now": status_in_sentence(goal.status),
                    "then": status_in_sentence(status),
                }
            }
        )


def _adjusted_fields(goal: Goal, target, target_date) -> dict:
    fields = {}
    if target is not None and target != goal.target:
        if not goal.has_metric:
            raise ValidationError(
                {"target": _("This goal has no measure yet: add one on its page.")}
            )
        if target == goal.baseline:
            raise ValidationError({"target": _("The target equals the starting value.")})
        fields["target"] = target
    if target_date is not None and target_date != goal.target_date:
        today = user_today(goal.owner)  # the goal form's rule; goal_update checks the rest
        message = bounds.goal_deadline_error(goal, target_date, today=today, from_today=True)
        if message:
            raise ValidationError({"target_date": message})
        fields["target_date"] = target_date
    return fields


def review_check_adjustable(*, meeting: ReviewMeeting, by, goal: Goal) -> None:
    """Whether ``by`` may change ``goal`` in this review at all, whatever the change."""
    refusal = review_adjust_refusal(meeting=meeting, user=by, goal=goal)  # the page asks, too
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def review_adjust(
    *,
    meeting: ReviewMeeting,
    by,
    goal: Goal,
    target: Decimal | None = None,
    target_date: datetime.date | None = None,
    status: str | None = None,
    note: str,
) -> Goal:
    """The owner changes a shared goal's target, deadline or status; the history says why."""
    review_check_adjustable(meeting=meeting, by=by, goal=goal)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say in a few words what you agreed and why.")})
    fields = _adjusted_fields(goal, target, target_date)
    new_status = status if status and status != goal.status else None
    if not fields and new_status is None:
        raise ValidationError(_("Nothing changed: set a new target, deadline or status."))
    full_note = _(REVIEW_NOTE) % {"day": _day_label(meeting, by), "note": note}
    if fields:
        goal_services.goal_update(goal=goal, note=full_note, **fields)
    if new_status is not None:
        _status_change(goal, new_status, full_note)
    return goal


# --- Hold the meeting ----------------------------------------------------------------------


def _propose_next(meeting: ReviewMeeting, by) -> ReviewMeeting:
    """Three months on, at the same wall-clock time where ``by`` lives (DST-safe)."""
    planned = review_next(partnership=meeting.partnership)
    if planned is not None:
        return planned
    zone = user_zone(by)
    local = meeting.starts_at.astimezone(zone).replace(tzinfo=None)
    months = REVIEW_EVERY_MONTHS
    starts = add_months(local, months).replace(tzinfo=zone)
    while starts <= timezone.now():  # notes written up long after the meeting
        months += REVIEW_EVERY_MONTHS
        starts = add_months(local, months).replace(tzinfo=zone)
    return ReviewMeeting.objects.create(
        partnership=meeting.partnership,
        proposed_by=by,
        starts_at=starts.astimezone(datetime.UTC),
        duration_minutes=meeting.duration_minutes,
        place=meeting.place,
    )


@transaction.atomic
def review_complete(*, meeting: ReviewMeeting, by, notes: str) -> ReviewMeeting:
    """Save the notes, mark the meeting held and propose the next one three months later."""
    meeting = ReviewMeeting.objects.select_for_update().get(pk=meeting.pk)
    partnership = meeting.partnership
    _check_member(partnership, by)
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": _("Write down what you agreed, even a line or two.")})
    refusal = meeting.notes_refusal(by)  # the rule the meeting page asks, too
    if refusal:
        raise ValidationError(refusal)
    if meeting.status == ReviewMeeting.Status.HELD:  # correcting the notes afterwards
        meeting.notes = notes
        meeting.save(update_fields=["notes"])
        return meeting
    meeting.status = ReviewMeeting.Status.HELD
    meeting.held_at = timezone.now()
    meeting.notes = notes
    meeting.save(update_fields=["status", "held_at", "notes"])
    arm_meeting(meeting)
    upcoming = _propose_next(meeting, by)
    arm_meeting(upcoming)
    calendar_changed(people=[partnership.user_low_id, partnership.user_high_id])
    other = partnership.other(by)
    with translation.override(other.email_language):
        notify(
            kind="review_held",
            recipient=other,
            subject=_("Notes from your goal review with %(name)s") % {"name": by.name},
            template="review_held",
            context={
                "meeting": meeting,
                "author": by,
                "next_meeting": upcoming,
                "next_times": review_local_times(meeting=upcoming, first=other),
                "next_url": absolute_url(_url(upcoming)),
                "needs_answer": upcoming.status == ReviewMeeting.Status.PROPOSED
                and upcoming.proposed_by_id != other.pk,
            },
            url=_url(meeting),
            attachment=_ics(upcoming),
        )
    return meeting
