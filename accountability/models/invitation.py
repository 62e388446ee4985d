import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule

INVITATION_DAYS = 7


def new_token() -> str:
    """256 random bits, URL-safe. Only its hash is stored."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Withdrawn")

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    email = models.EmailField(_("their email address"))
    message = models.TextField(_("a personal note"), max_length=1000, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["inviter", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_address",
            ),
            Rule(
                condition=Q(status__in=["pending", "accepted", "declined", "revoked"]),
                name="invitation_status_known",
                violation_error_message=_(
                    "An invitation is waiting, accepted, declined or withdrawn."
                ),
            ),
            Rule(
                condition=Q(status="pending", responded_at__isnull=True)
                | (~Q(status="pending") & Q(responded_at__isnull=False)),
                name="invitation_answered_when_dated",
                violation_error_message=_(
                    "An answered or withdrawn invitation has the moment it "
                    "was answered, and only those have one."
                ),
            ),
        ]
        indexes = [models.Index(fields=["inviter", "created_at"])]

    def __str__(self) -> str:
        return f"{self.inviter} invited {self.email}"

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()
