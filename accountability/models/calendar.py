import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_feed_secret() -> str:
    """256 random bits, URL-safe. Only its hash is stored."""
    return secrets.token_urlsafe(32)


def hash_feed_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A personal iCalendar address. The secret is in the URL; a new one revokes the old.

    Only the SHA-256 of the secret is stored, like invitation tokens: the address is shown
    once, right after it is made, and a person who lost it makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)
    # What the feed holds changed: `services.calendar_changed` adds one and stamps the time,
    # in the transaction of the write. The feed's ETag and Last-Modified come from these two.
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    # The raw secret, known only on the instance that issued it; never saved.
    secret: str | None = None

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"  # not shown (the admin's)

    def issue_secret(self) -> str:
        """A new secret for this feed: its hash goes in the row, the secret to the caller."""
        self.secret = new_feed_secret()
        self.secret_hash = hash_feed_secret(self.secret)
        return self.secret
