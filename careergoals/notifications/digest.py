"""The weekly digest: reminders held for people who chose one email a week."""

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import ngettext

from careergoals.users.timezones import user_zone

from .models import Notification, NotificationSettings
from .preferences import choices_of
from .scheduling import local_moment
from .services import notify

DIGEST_WEEKDAY = 0  # Monday


def next_digest_at(settings_row: NotificationSettings, now=None) -> datetime.datetime:
    now = now or timezone.now()
    zone = user_zone(settings_row.user)
    day = now.astimezone(zone).date()
    for _ in range(8):
        if day.weekday() == DIGEST_WEEKDAY:
            moment = local_moment(day, settings_row.morning_hour, zone)
            if moment > now:
                return moment
        day += datetime.timedelta(days=1)
    raise AssertionError("unreachable")


def replan_digest(user, *, now=None) -> None:
    """After a change of hour or time zone: the next digest goes out at the new morning.

    One already due is left for the next run to send, so no week is skipped."""
    now = now or timezone.now()
    row = choices_of([user.pk])[user.pk]  # someone who never saved theirs has no digest
    if not row.weekly_digest or (row.next_digest_at and row.next_digest_at <= now):
        return
    row.user = user  # the person as just changed, with their new time zone
    moment = next_digest_at(row, now)
    if moment != row.next_digest_at:
        row.next_digest_at = moment
        row.save(update_fields=["next_digest_at"])


def send_due_digests(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    due = NotificationSettings.objects.filter(weekly_digest=True, next_digest_at__lte=now)
    for pk in due.values_list("pk", flat=True):
        sent += _send_one(pk, now)
    return sent


@transaction.atomic
def _send_one(settings_pk: int, now) -> int:
    row = (
        NotificationSettings.objects.select_for_update(skip_locked=True)
        .select_related("user")
        .filter(pk=settings_pk, next_digest_at__lte=now)
        .first()
    )
    if row is None:
        return 0
    held = list(
        Notification.objects.filter(
            recipient=row.user, email_status=Notification.EmailStatus.DIGEST
        ).order_by("created_at")
    )
    week = now.astimezone(user_zone(row.user)).strftime("%G-W%V")
    if held:
        with translation.override(row.user.email_language):  # the recipient's, not ours
            subject = ngettext(
                "Your week ahead: %(count)s reminder",
                "Your week ahead: %(count)s reminders",
                len(held),
            ) % {"count": len(held)}
        notify(
            kind="digest",
            recipient=row.user,
            subject=subject,
            template="digest",
            context={"items": held},
            url="/home/",
            dedupe_key=f"digest:{row.user_id}:{week}",
        )
        Notification.objects.filter(pk__in=[n.pk for n in held]).update(
            email_status=Notification.EmailStatus.SENT, sent_at=now
        )
    row.next_digest_at = next_digest_at(row, now)
    row.save(update_fields=["next_digest_at"])
    return 1 if held else 0
