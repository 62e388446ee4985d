"""The minute sweep: claim due reminders, record each once in the outbox, send after commit.

Two beats or two workers can run it at once: rows are claimed with SELECT ... FOR UPDATE
SKIP LOCKED, and the outbox's unique dedupe key refuses a second row for one occurrence.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from .models import Notification, ScheduledReminder
from .registry import FOLLOW_UPS, build_all
from .services import Outgoing, deliver, notify_many

log = logging.getLogger(__name__)
BATCH = 200
MAX_BATCHES_PER_SWEEP = 50  # 10,000 reminders a minute at most; the next beat goes on


def dedupe_key(reminder: ScheduledReminder) -> str:
    return f"r:{reminder.recipient_id}:{reminder.kind}:{reminder.item}:{reminder.occurrence}"


def _newest_per_item(reminders: list[ScheduledReminder]) -> set[int]:
    """After downtime several reminders of one item may be due; only the newest is worth it."""
    newest: dict[tuple, ScheduledReminder] = {}
    for reminder in reminders:
        key = (reminder.recipient_id, reminder.kind, reminder.item)
        if key not in newest or reminder.due_at > newest[key].due_at:
            newest[key] = reminder
    return {reminder.pk for reminder in newest.values()}


def _skip(reminder: ScheduledReminder, reason: str, now) -> None:
    reminder.status = ScheduledReminder.Status.SKIPPED
    reminder.skip_reason = reason
    reminder.handled_at = now


def _record_all(due: list[ScheduledReminder], now) -> int:
    """Record a batch of claimed reminders: each kind's builder answers for all its reminders
    at once, the notifications are inserted together and the reminders updated together."""
    keep = _newest_per_item(due)
    to_build: dict[str, list[ScheduledReminder]] = defaultdict(list)
    for reminder in due:
        if reminder.stale_at <= now:
            _skip(reminder, "stale: its moment passed while reminders were not running", now)
        elif reminder.pk not in keep:
            _skip(reminder, "superseded by a later reminder of the same item", now)
        else:
            to_build[reminder.kind].append(reminder)
    sending, outgoing = [], []
    for kind, reminders in to_build.items():
        messages = build_all(kind, reminders)
        for reminder in reminders:
            message = messages.get(reminder.pk)
            if message is None:
                _skip(reminder, "no longer due", now)
                continue
            sending.append(reminder)
            outgoing.append(
                Outgoing(
                    kind=reminder.kind,
                    recipient=reminder.recipient,
                    message=message,
                    dedupe_key=dedupe_key(reminder),
                )
            )
    notifications = notify_many(outgoing)
    for reminder, notification in zip(sending, notifications, strict=True):
        reminder.status = ScheduledReminder.Status.SENT
        reminder.handled_at = now
        reminder.notification = notification
    _save_outcomes(due, now)
    for reminder in due:
        follow_up = FOLLOW_UPS.get(reminder.kind)
        if follow_up is not None:
            follow_up(reminder, now)  # sent or skipped: a recurring reminder plans its next one
    return sum(notification is not None for notification in notifications)


def _save_outcomes(handled: list[ScheduledReminder], now) -> None:
    """Write what became of each reminder, an UPDATE per outcome rather than per reminder.
    A sent reminder points at the notification it recorded, found by its dedupe key."""
    outcomes: dict[tuple, list[int]] = defaultdict(list)
    for reminder in handled:
        recorded = reminder.notification is not None
        outcomes[(reminder.status, reminder.skip_reason, recorded)].append(reminder.pk)
    key = Concat(
        Value("r:"),
        Cast(OuterRef("recipient_id"), CharField()),
        Value(":"),
        OuterRef("kind"),
        Value(":"),
        OuterRef("item"),
        Value(":"),
        OuterRef("occurrence"),
        output_field=CharField(),
    )
    recorded_row = Subquery(Notification.objects.filter(dedupe_key=key).values("pk")[:1])
    for (status, reason, recorded), pks in outcomes.items():
        ScheduledReminder.objects.filter(pk__in=pks).update(
            status=status,
            skip_reason=reason,
            handled_at=now,
            notification=recorded_row if recorded else None,
        )


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
        recorded = _record_all(due, now) if due else 0
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
