import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule

# Notes can be written from this long before the agreed start: people sit down a bit early.
NOTES_OPEN_BEFORE = datetime.timedelta(hours=1)
# How long a review may last, in minutes: the proposal form offers choices inside it.
DURATION_RANGE = (15, 240)
# How a goal's history notes a change made during a review, in the words of who made it.
# The export finds those changes by the note's start, whatever its language.
REVIEW_NOTE = gettext_noop("Review on %(day)s: %(note)s")
REVIEW_DAY_FORMAT = "j M Y"


class ReviewMeeting(models.Model):
    """A regular review: the pair walks through their shared goals and adjusts them."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Agreed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    partnership = models.ForeignKey(
        "accountability.Partnership", on_delete=models.CASCADE, related_name="review_meetings"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    responded_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(max_length=10000, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["partnership", "starts_at"])]
        constraints = [
            Rule(
                condition=Q(
                    duration_minutes__gte=DURATION_RANGE[0],
                    duration_minutes__lte=DURATION_RANGE[1],
                ),
                name="review_duration_in_range",
                violation_error_message=(
                    f"A review lasts between {DURATION_RANGE[0]} and {DURATION_RANGE[1]} minutes."
                ),
            ),
            Rule(
                condition=Q(status__in=["proposed", "accepted", "declined", "cancelled", "held"]),
                name="review_status_known",
                violation_error_message=_(
                    "A review is proposed, agreed, declined, cancelled or held."
                ),
            ),
            # review_complete: holding a meeting dates it; nothing else does.
            Rule(
                condition=Q(status="held", held_at__isnull=False)
                | (~Q(status="held") & Q(held_at__isnull=True)),
                name="review_held_when_dated",
                violation_error_message=_(
                    "A held review has the moment it was held, and only a held review has one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.starts_at:%Y-%m-%d} for {self.partnership}"

    def notes_refusal(self, user, now: datetime.datetime | None = None) -> str | None:
        """Why ``user`` can't save notes now, or None. The service and the page both ask."""
        partnership = self.partnership
        if not partnership.is_active or not partnership.includes(user):
            return gettext("Only the two buddies can plan and hold their review.")
        if self.status == self.Status.HELD:
            return None  # correcting the notes afterwards
        if self.status != self.Status.ACCEPTED:
            return gettext("Only an agreed meeting can be held: accept the time first.")
        if (now or timezone.now()) < self.starts_at - NOTES_OPEN_BEFORE:
            return gettext(
                "The meeting hasn’t started yet: save the notes when you meet "
                "(from an hour before the meeting)."
            )
        return None

    def can_take_notes(self, user, now: datetime.datetime | None = None) -> bool:
        return self.notes_refusal(user, now) is None
