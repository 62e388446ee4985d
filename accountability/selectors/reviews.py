"""Review meetings: when one starts where each buddy lives, and the pair's next one."""

import datetime
from dataclasses import dataclass

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accountability.models import Partnership, ReviewMeeting
from careergoals.users.timezones import user_zone
from goals.models import Goal

__all__ = [
    "UPCOMING_REVIEW",
    "LocalTime",
    "review_adjust_refusal",
    "review_answer_refusal",
    "review_kept_for",
    "review_local_times",
    "review_meeting_for",
    "review_member_refusal",
    "review_next",
]

UPCOMING_REVIEW = (ReviewMeeting.Status.PROPOSED, ReviewMeeting.Status.ACCEPTED)


@dataclass(frozen=True)
class LocalTime:
    user: object
    zone: str
    local: datetime.datetime

    @property
    def text(self) -> str:
        """“Tuesday 12 January 2027, 18:00 (Europe/Berlin)”: no conversion by the template."""
        words = dateformat.format(self.local, pgettext("date format", "l j F Y, H:i"))
        return f"{words} ({self.zone})"

    @property
    def short(self) -> str:
        return dateformat.format(self.local, pgettext("date format", "D j M, H:i"))


def _local(moment: datetime.datetime, user) -> LocalTime:
    zone = user_zone(user)
    return LocalTime(user=user, zone=zone.key, local=moment.astimezone(zone))


def review_local_times(*, meeting: ReviewMeeting, first=None) -> list[LocalTime]:
    """The meeting's start where each of the two lives; ``first``'s own time comes first."""
    members = sorted(meeting.partnership.members(), key=lambda m: first is None or m.pk != first.pk)
    return [_local(meeting.starts_at, member) for member in members]


def review_next(
    *, partnership: Partnership, after: datetime.datetime | None = None
) -> ReviewMeeting | None:
    """The pair's next proposed or agreed review, if one is planned."""
    return (
        partnership.review_meetings.filter(
            status__in=UPCOMING_REVIEW, starts_at__gt=after or timezone.now()
        )
        .order_by("starts_at")
        .first()
    )


def review_kept_for(*, user, pk: int) -> ReviewMeeting | None:
    """A review meeting of a partnership kept after the buddy deleted their account, or None."""
    kept = Partnership.objects.of(user).filter(account_deleted=True)
    return ReviewMeeting.objects.filter(pk=pk, partnership__in=kept).first()


def review_meeting_for(*, user, pk: int) -> ReviewMeeting:
    """The one access check for meetings: members of a current partnership only.

    DoesNotExist for anyone else, or once the partnership ended."""
    return (
        ReviewMeeting.objects.filter(partnership__in=Partnership.objects.active().of(user))
        .select_related("partnership__user_low", "partnership__user_high", "proposed_by")
        .get(pk=pk)
    )


# Who may do what with a meeting: the page asks, the service enforces; one rule for both.


def review_member_refusal(*, partnership: Partnership, user) -> str | None:
    """Why ``user`` can't plan or hold this pair's review (not one of the two), or None."""
    if not partnership.is_active or not partnership.includes(user):
        return _("Only the two buddies can plan and hold their review.")
    return None


def review_answer_refusal(*, meeting: ReviewMeeting, user) -> str | None:
    """Why ``user`` can't accept or decline the proposed time, or None.

    (A time that has passed is refused too, when the answer comes: the service says so.)"""
    partnership = meeting.partnership
    refusal = review_member_refusal(partnership=partnership, user=user)
    if refusal:
        return refusal
    if meeting.proposed_by_id == user.pk:
        return _("You proposed this time: %(name)s accepts or declines it.") % {
            "name": partnership.other(user).name
        }
    if meeting.status != ReviewMeeting.Status.PROPOSED:
        return _("This meeting is no longer waiting for an answer (%(status)s).") % {
            "status": meeting.get_status_display()
        }
    return None


def review_adjust_refusal(*, meeting: ReviewMeeting, user, goal: Goal | None = None) -> str | None:
    """Why ``user`` can't change goals in this review (``goal``, if given), or None."""
    partnership = meeting.partnership
    refusal = review_member_refusal(partnership=partnership, user=user)
    if refusal:
        return refusal
    if meeting.status in (ReviewMeeting.Status.DECLINED, ReviewMeeting.Status.CANCELLED):
        return _("This meeting was called off: change the goal from its own page.")
    if goal is None:
        return None
    if goal.owner_id != user.pk:
        return _("Only the goal’s owner can change it.")
    other = partnership.other(user)
    if not Goal.objects.visible_to(other).filter(pk=goal.pk).exists():
        return _("This goal isn’t shared with %(name)s.") % {"name": other.name}
    return None
