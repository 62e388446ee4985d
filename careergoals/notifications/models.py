from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule


class Notification(models.Model):
    """One message to one person: shown in the app and, unless turned off, sent by email.

    The row is the outbox: it is written in the same transaction as the event, and the
    email is sent after commit by a worker, so mail survives a crash of the web process.
    """

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent")
        DIGEST = "digest", _("Waiting for the weekly digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    to_email = models.EmailField()
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    preview = models.CharField(
        max_length=160,
        blank=True,
        help_text=_("The first words of the email, shown under the subject in the list."),
    )
    url = models.CharField(max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(
        _("last email error"),
        max_length=300,
        blank=True,
        help_text=_("Why the last try to send it failed, in the mail server's words."),
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = models.TextField(blank=True)
    unsubscribe_link = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Signed once when the email is written: the header and the body share it."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["created_at"],
                name="notification_pending_email",
                condition=models.Q(email_status="pending"),
            ),
        ]
        constraints = [
            Rule(
                condition=Q(email_status__in=["pending", "sent", "failed", "skipped", "digest"]),
                name="notification_email_status_known",
                violation_error_message=_(
                    "An email is waiting, sent, failed, not sent or in the weekly digest."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_email}: {self.subject}"


DEFAULT_LEAD_DAYS = [14, 7, 1]
# How many days ahead a deadline reminder may come: the settings form offers exactly these.
LEAD_DAYS = [30, 14, 7, 3, 1]


class NotificationSettings(models.Model):
    """A person's choices: which kinds to email, how far ahead, at what hour, digest or not."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    lead_days = models.JSONField(default=list, blank=True)
    morning_hour = models.PositiveSmallIntegerField(default=8)
    weekly_digest = models.BooleanField(default=False)
    muted_kinds = models.JSONField(default=list, blank=True)
    next_digest_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            Rule(
                condition=Q(morning_hour__gte=0, morning_hour__lte=23),
                name="reminder_hour_of_the_day",
                violation_error_message=_("Pick an hour from 00:00 to 23:00."),
            ),
            # Lead days: only ones the form offers. A Postgres-only rule (JSON containment has
            # no SQLite form), added by migration 0006 rather than declared here.
        ]

    def __str__(self) -> str:
        return gettext("Notification settings of %(person)s") % {"person": self.user}

    @property
    def leads(self) -> list[int]:
        return sorted(set(self.lead_days or DEFAULT_LEAD_DAYS), reverse=True)

    def wants(self, kind: str) -> bool:
        return kind not in (self.muted_kinds or [])


class ScheduledReminder(models.Model):
    """A reminder that falls due at ``due_at``. The sweep claims due rows with a row lock.

    Each app says what is due in its own reminders.py (and re-arms when items change);
    this table only holds the due times, so the sweep's cost follows what is due now.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=30)
    item = models.CharField(max_length=60, help_text=_("What it is about, e.g. goal:12 or step:7"))
    occurrence = models.CharField(max_length=60, help_text=_("Which one, e.g. lead-7 or 2027-Q1"))
    due_at = models.DateTimeField()
    stale_at = models.DateTimeField(help_text=_("After this, sending it would be pointless"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    skip_reason = models.CharField(max_length=100, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "item", "occurrence"],
                name="one_reminder_per_occurrence",
            ),
            Rule(
                condition=Q(status__in=["pending", "sent", "skipped"]),
                name="reminder_status_known",
                violation_error_message=_("A reminder is pending, sent or skipped."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="reminder_pending_due",
                condition=models.Q(status="pending"),
            ),
            models.Index(fields=["item"], name="reminder_item"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.item} {self.occurrence} for {self.recipient} at {self.due_at}"
