"""Review meetings: when one starts where each buddy lives, and the pair's next one."""

import datetime
from dataclasses import dataclass

from django.utils import dateformat, timezone

from accountability.models import Partnership, ReviewMeeting
from careergoals.users.timezones import user_zone

__all__ = [
    "UPCOMING_REVIEW",
    "LocalTime",
    "review_kept_for",
    "review_local_times",
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
        return f"{dateformat.format(self.local, 'l j F Y, H:i')} ({self.zone})"

    @property
    def short(self) -> str:
        return dateformat.format(self.local, "D j M, H:i")


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
