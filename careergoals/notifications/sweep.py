"""The minute sweep: claim due reminders, record each once in the outbox, send after commit.

Two beats or two workers can run it at once: rows are claimed with SELECT ... FOR UPDATE
SKIP LOCKED, and the outbox's unique dedupe key refuses a second row for one occurrence.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Notification, ScheduledReminder
from .registry import BUILDERS, FOLLOW_UPS
from .services import deliver, notify

log = logging.getLogger(__name__)
BATCH = 200
MAX_BATCHES_PER_SWEEP = 50  # 10,000 reminders a minute at most; the next beat goes on


def dedupe_key(reminder: ScheduledReminder) -> str:
    return f"r:{reminder.recipient_id}:{reminder.kind}:{reminder.item}:{reminder.occurrence}"


def _skip(reminder: ScheduledReminder, reason: str, now) -> None:
    reminder.status = ScheduledReminder.Status.SKIPPED
    reminder.skip_reason = reason
    reminder.handled_at = now
    reminder.save(update_fields=["status", "skip_reason", "handled_at"])


def _newest_per_item(reminders: list[ScheduledReminder]) -> set[int]:
    """After downtime several reminders of one item may be due; only the newest is worth it."""
    newest: dict[tuple, ScheduledReminder] = {}
    for reminder in reminders:
        key = (reminder.recipient_id, reminder.kind, reminder.item)
        if key not in newest or reminder.due_at > newest[key].due_at:
            newest[key] = reminder
    return {reminder.pk for reminder in newest.values()}


def _handle(reminder: ScheduledReminder, keep: set[int], now) -> bool:
    recorded = _record(reminder, keep, now)
    follow_up = FOLLOW_UPS.get(reminder.kind)
    if follow_up is not None:
        follow_up(reminder, now)  # sent or skipped: a recurring reminder plans its next one
    return recorded


def _record(reminder: ScheduledReminder, keep: set[int], now) -> bool:
    if reminder.stale_at <= now:
        _skip(reminder, "stale: its moment passed while reminders were not running", now)
        return False
    if reminder.pk not in keep:
        _skip(reminder, "superseded by a later reminder of the same item", now)
        return False
    builder = BUILDERS.get(reminder.kind)
    message = builder(reminder) if builder else None
    if message is None:
        _skip(reminder, "no longer due", now)
        return False
    notification = notify(
        kind=reminder.kind,
        recipient=reminder.recipient,
        subject=message.subject,
        template=message.template,
        context=message.context,
        url=message.url,
        dedupe_key=dedupe_key(reminder),
        attachment=message.attachment,
    )
    reminder.status = ScheduledReminder.Status.SENT
    reminder.handled_at = now
    reminder.notification = notification
    reminder.save(update_fields=["status", "handled_at", "notification"])
    return notification is not None


def sweep_reminders(*, now=None, batch: int = BATCH) -> int:
    """Handle one batch of due reminders; returns how many notifications it recorded."""
    return _sweep_batch(now=now or timezone.now(), batch=batch)[1]


def _sweep_batch(*, now, batch: int) -> tuple[int, int]:
    """One batch: (how many due reminders it claimed, how many notifications it recorded)."""
    with transaction.atomic():
        due = list(
            ScheduledReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=ScheduledReminder.Status.PENDING, due_at__lte=now)
            .select_related("recipient")
            .order_by("due_at")[:batch]
        )
        keep = _newest_per_item(due)
        recorded = sum(_handle(reminder, keep, now) for reminder in due)
    if due:
        log.info("sweep: %s due, %s recorded", len(due), recorded)
    return len(due), recorded


def resend_stuck(*, now=None) -> int:
    """Emails whose send task was lost (a killed worker): try again, a bounded number of times."""
    now = now or timezone.now()
    resend_after = datetime.timedelta(seconds=settings.NOTIFICATION_RESEND_AFTER_SECONDS)
    stuck = Notification.objects.filter(
        email_status=Notification.EmailStatus.PENDING, created_at__lte=now - resend_after
    )
    sent = 0
    # deliver() owns the limit of tries: it marks an email failed once it has had them all.
    for pk in stuck.order_by("created_at").values_list("pk", flat=True)[:BATCH]:
        try:
            sent += deliver(notification_id=pk)
        except Exception:
            log.warning("resending notification %s failed; the next sweep tries again", pk)
    return sent


def sweep(*, now=None) -> int:
    """Everything the minute beat does: reminders until none are due, then stuck emails.

    It goes on while a batch claimed anything, even if it recorded nothing: after an
    outage a valid reminder may wait behind hundreds of stale ones. Bounded, so one run
    ends; the next beat carries on with whatever is left.
    """
    now = now or timezone.now()
    total = 0
    for _ in range(MAX_BATCHES_PER_SWEEP):
        claimed, recorded = _sweep_batch(now=now, batch=BATCH)
        total += recorded
        if not claimed:
            break
    resend_stuck(now=now)
    return total
