"""Email helpers for tests."""

from careergoals.notifications.models import Notification
from careergoals.notifications.services import deliver


def deliver_pending(limit: int = 100) -> int:
    """Send what waits in the outbox, oldest first, as the worker would (tests only: in the
    app each email is queued to the worker after commit, and the sweep resends stragglers)."""
    ids = list(
        Notification.objects.filter(email_status=Notification.EmailStatus.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(notification_id=pk) for pk in ids)
