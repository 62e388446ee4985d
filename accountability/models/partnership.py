from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from careergoals.constraints import Rule

MAX_BUDDIES = 5
FORMER_BUDDY = _("A former buddy")  # how someone who deleted their account is shown
# The same within a sentence ("Suggested by …", "… with thanks to …").
FORMER_BUDDY_IN_SENTENCE = pgettext_lazy("after “by” or “thanks to”", "a former buddy")


class PartnershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def of(self, user):
        return self.filter(Q(user_low=user) | Q(user_high=user))

    def between(self, a, b):
        low, high = sorted([a.pk, b.pk])
        return self.filter(user_low_id=low, user_high_id=high)

    def buddy_ids_of(self, user):
        """The ids of this person's current buddies, as a subquery."""
        return (
            self.active()
            .of(user)
            .annotate(
                buddy_id=Case(When(user_low=user, then=F("user_high")), default=F("user_low"))
            )
            .values("buddy_id")
        )


class Partnership(models.Model):
    """Two people who agreed to hold each other to their goals. Mutual by design."""

    # Empty once that person deleted their account: the other one keeps the record.
    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    account_deleted = models.BooleanField(
        default=False, help_text=_("Ended because one of the two deleted their account.")
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user_low", "user_high"],
                condition=Q(ended_at__isnull=True),
                name="one_active_partnership_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(user_low__lt=models.F("user_high")), name="partnership_ordered_pair"
            ),
            # Closing a kept record (services.partnerships) ends it and marks why, in one save.
            Rule(
                condition=Q(account_deleted=False) | Q(ended_at__isnull=False),
                name="partnership_kept_record_is_ended",
                violation_error_message=_(
                    "A partnership kept after an account was deleted has ended."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_low} & {self.user_high}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def members(self):
        return (self.user_low, self.user_high)

    def includes(self, user) -> bool:
        return user.pk in (self.user_low_id, self.user_high_id)

    def other(self, user):
        """The other member; None once they deleted their account."""
        return self.user_high if user.pk == self.user_low_id else self.user_low

    @property
    def is_kept_record(self) -> bool:
        """Ended because one of the two deleted their account: the other keeps it, read-only."""
        return self.account_deleted and self.ended_at is not None
