from django.conf import settings
from django.db import models


class ReviewMeeting(models.Model):
    """A regular review: the pair walks through their shared goals and adjusts them."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Agreed"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    partnership = models.ForeignKey(
        "accountability.Partnership", on_delete=models.CASCADE, related_name="review_meetings"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    place = models.CharField("place or video link", max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    responded_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(max_length=10000, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["partnership", "starts_at"])]

    def __str__(self) -> str:
        return f"Review {self.starts_at:%Y-%m-%d} for {self.partnership}"
