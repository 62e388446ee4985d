"""The outbox: record a notification with the event, deliver its email after commit."""

import contextlib
import logging
import time
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from . import failures
from .emails import render_account_email, render_email
from .kinds import is_digestible, preference_of
from .models import Notification
from .preferences import choices_of, settings_for, unsubscribe_path
from .registry import Message, rearm_person

log = logging.getLogger(__name__)
SCRUB_AFTER_SENDING = {"invitation"}  # emails whose link is a secret (stored only as a hash)
MAX_ATTEMPTS = 10  # tries to send one email before it is marked failed
ACCOUNT_KIND_PREFIX = "account:"  # allauth's emails: account:email_confirmation_signup ...
SUBJECT_LENGTH = Notification._meta.get_field("subject").max_length


def one_line(text: str, limit: int = SUBJECT_LENGTH) -> str:
    """An email subject from any text: one line, no control characters, at most ``limit``.

    A line break in a header makes the message unsendable; user text (a goal statement, a
    step title, a display name) can hold one, so every subject passes through here."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in str(text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def absolute_url(path: str) -> str:
    return path if path.startswith("http") else f"{settings.SITE_URL}{path}"


def _email_status(kind: str, recipient, choices) -> str:
    """Pending, or held for the digest, or skipped: what the person chose for this kind."""
    preference = preference_of(kind)
    if recipient is not None and preference is not None:
        if not choices.wants(preference):
            return Notification.EmailStatus.SKIPPED
        if choices.weekly_digest and is_digestible(preference):
            return Notification.EmailStatus.DIGEST
    return Notification.EmailStatus.PENDING


def _unsubscribe_link(recipient, kind: str) -> str:
    preference = preference_of(kind)
    if recipient is None or preference is None:
        return ""
    return absolute_url(unsubscribe_path(recipient.pk, preference))


def _notification(
    *,
    kind,
    subject,
    template,
    context,
    recipient,
    to_email,
    url,
    dedupe_key,
    attachment,
    status,
    unsubscribe_link,
) -> Notification:
    """The outbox row, both parts rendered, not saved yet."""
    link = absolute_url(url) if url else settings.SITE_URL + "/"
    full = {
        **context,
        "recipient": recipient,
        "link": link,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        # Signed once; the List-Unsubscribe header sends this very link.
        "unsubscribe_link": unsubscribe_link,
    }
    name, content_type, content = attachment or ("", "", "")
    # In the recipient's language, whoever's request this is: a lazy subject is read here.
    # An address with no account yet (an invitation) reads the sender's language.
    language = translation.override(recipient.email_language) if recipient else nullcontext()
    with language:
        subject = one_line(str(subject))
        # Both parts from the kind's words; the text ends with the unsubscribe line, if any.
        email = render_email(template=template, subject=subject, context=full)
    return Notification(
        recipient=recipient,
        to_email=to_email or recipient.email,
        kind=kind,
        subject=subject,
        body_text=email.text,
        # Built from the same words, escaped: user text is safe in both parts.
        body_html=email.html,
        preview=email.preview,
        url=url,
        dedupe_key=dedupe_key,
        email_status=status,
        attachment_name=name,
        attachment_type=content_type,
        attachment=content,
        unsubscribe_link=unsubscribe_link,
    )


def notify(
    *,
    kind: str,
    subject: str,
    template: str,
    context: dict,
    recipient=None,
    to_email: str = "",
    url: str = "",
    dedupe_key: str | None = None,
    attachment: tuple[str, str, str] | None = None,
) -> Notification | None:
    """Record one notification and queue its email; ``dedupe_key`` makes repeats a no-op."""
    if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    choices = None
    if recipient is not None and preference_of(kind) is not None:
        choices = choices_of([recipient.pk])[recipient.pk]
    status = _email_status(kind, recipient, choices)
    notification = _notification(
        kind=kind,
        subject=subject,
        template=template,
        context=context,
        recipient=recipient,
        to_email=to_email,
        url=url,
        dedupe_key=dedupe_key,
        attachment=attachment,
        status=status,
        unsubscribe_link=_unsubscribe_link(recipient, kind),
    )
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:  # the same occurrence was recorded meanwhile: never twice
        return None
    if status == Notification.EmailStatus.PENDING:
        transaction.on_commit(lambda: queue_email(notification_id=notification.pk))
    return notification


@dataclass(frozen=True)
class Outgoing:
    """One notification for ``notify_many``: what ``notify`` takes, for a person."""

    kind: str
    recipient: object
    message: Message
    dedupe_key: str


def notify_many(outgoing: list[Outgoing]) -> list[Notification | None]:
    """Record many notifications at once, as ``notify`` records one: in a few queries
    whatever their number (the keys already recorded, everyone's choices, one insert, the
    new rows' ids), their emails queued in batches after commit.

    Returns, for each, its new row or None where its ``dedupe_key`` was recorded before.
    The insert skips a key recorded meanwhile (ON CONFLICT DO NOTHING): never twice.
    """
    keys = [o.dedupe_key for o in outgoing]
    recorded = set(
        Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    choices = choices_of({o.recipient.pk for o in outgoing})
    links: dict[tuple, str] = {}  # (person, kind) -> the signed link, signed once
    rows: dict[str, Notification] = {}
    for o in outgoing:
        if o.dedupe_key in recorded or o.dedupe_key in rows:
            continue
        link_key = (o.recipient.pk, o.kind)
        if link_key not in links:
            links[link_key] = _unsubscribe_link(o.recipient, o.kind)
        message = o.message
        rows[o.dedupe_key] = _notification(
            kind=o.kind,
            subject=message.subject,
            template=message.template,
            context=message.context,
            recipient=o.recipient,
            to_email="",
            url=message.url,
            dedupe_key=o.dedupe_key,
            attachment=message.attachment,
            status=_email_status(o.kind, o.recipient, choices[o.recipient.pk]),
            unsubscribe_link=links[link_key],
        )
    if rows:
        Notification.objects.bulk_create(rows.values(), ignore_conflicts=True)
        ids = Notification.objects.filter(dedupe_key__in=list(rows)).values_list("dedupe_key", "pk")
        for key, pk in ids:
            rows[key].pk = pk
            rows[key]._state.adding = False
    created = {key: row for key, row in rows.items() if row.pk is not None}
    pending = [
        row.pk for row in created.values() if row.email_status == Notification.EmailStatus.PENDING
    ]
    if pending:
        transaction.on_commit(lambda: queue_emails(notification_ids=pending))
    return [created.get(key) for key in keys]


def account_email(*, template_prefix: str, to_email: str, context: dict, request=None):
    """Record one of allauth's emails (confirm an address, reset a password, a security
    notice) and queue it after commit, like every other email: a mail server that is down
    never fails the request, and the worker sends it once the server is back.

    It goes to an address, perhaps of no account yet (a reset asked for an unknown
    address), so it has no recipient and is never an in-app notification. It is about the
    account's safety: no choice of the person mutes it and it has no unsubscribe link.
    Once sent, its words are not kept (a confirmation or reset link is a secret)."""
    # allauth builds its links from the request: the site as this request reached it.
    origins = (request.build_absolute_uri("/").rstrip("/"),) if request else ()
    # In the account's chosen language, if it has one (a reset asked for from a browser in
    # another language); else the request's: the browser's, or the address's newcomer's.
    chosen = getattr(context.get("user"), "language", "")
    with translation.override(chosen) if chosen else nullcontext():
        subject, email = render_account_email(
            template_prefix=template_prefix, context=context, request=request, origins=origins
        )
    name = template_prefix.rsplit("/", 1)[-1]
    notification = Notification.objects.create(
        recipient=None,
        to_email=to_email,
        kind=f"{ACCOUNT_KIND_PREFIX}{name}"[: Notification._meta.get_field("kind").max_length],
        subject=one_line(subject),
        body_text=email.text,
        body_html=email.html,
        email_status=Notification.EmailStatus.PENDING,
    )
    transaction.on_commit(lambda: queue_email(notification_id=notification.pk))
    return notification


def account_emails_forget(*, user) -> int:
    """Delete allauth's emails to a person's addresses, as their account is deleted."""
    from allauth.account.models import EmailAddress

    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    to_them = Q()
    for address in addresses:
        to_them |= Q(to_email__iexact=address)
    emails = Notification.objects.filter(to_them, kind__startswith=ACCOUNT_KIND_PREFIX)
    return emails.delete()[0]


def is_account_email(notification: Notification) -> bool:
    """One of allauth's emails: sent to an address, never shown in the app."""
    return notification.kind.startswith(ACCOUNT_KIND_PREFIX)


BROKER_PAUSE_SECONDS = 10
_broker_down_until: dict[str, float] = {}  # broker URL -> monotonic time to try it again


def queue_email(*, notification_id: int) -> bool:
    """Hand one recorded email to the worker; called after commit. Never fails the caller.

    With the broker (Redis) away, the email stays pending in the outbox and the sweep's
    resend sends it later, so the request that recorded it still succeeds. After a
    failure the broker is left alone for a few seconds: a request that records several
    emails pays the publish timeout once, not once per email."""
    from .tasks import send_notification

    return _publish(send_notification, notification_id)


EMAIL_BATCH = 50  # emails one task sends over one connection to the mail server


def queue_emails(*, notification_ids: list[int]) -> bool:
    """Hand many recorded emails to the worker (the sweep's), a batch per task; called after
    commit, and never fails the caller, as ``queue_email``."""
    from .tasks import send_notifications

    queued = True
    for start in range(0, len(notification_ids), EMAIL_BATCH):
        queued &= _publish(send_notifications, notification_ids[start : start + EMAIL_BATCH])
    return queued


def _publish(task, ids) -> bool:
    broker = task.app.conf.broker_url or ""
    if time.monotonic() < _broker_down_until.get(broker, 0.0):
        log.warning("broker unreachable: notification %s waits for the sweep", ids)
        return False
    try:
        task.delay(ids)
    except Exception:
        _broker_down_until[broker] = time.monotonic() + BROKER_PAUSE_SECONDS
        log.warning(
            "could not queue notification %s (broker unreachable); the sweep will send it",
            ids,
            exc_info=True,
        )
        return False
    _broker_down_until.pop(broker, None)
    return True


def deliver(*, notification_id: int, connection=None) -> bool:
    """Send one pending email; True once sent. Claimed under a row lock, so two workers
    never both send it. ``connection``: an open connection to the mail server to reuse.

    A failed try is recorded (the count and the reason) in the same transaction, which
    then commits, so it is never lost. A refusal for good, or the last allowed try, marks
    the email failed and returns False; anything worth retrying is raised again for the
    worker, after the commit.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, email_status=Notification.EmailStatus.PENDING)
            .first()
        )
        if notification is None:
            return False
        if notification.email_attempts >= MAX_ATTEMPTS:
            notification.email_status = Notification.EmailStatus.FAILED
            notification.save(update_fields=["email_status"])
            return False
        notification.email_attempts += 1
        try:
            message = _message(notification)
            message.connection = connection
            message.send()
        except Exception as error:
            failure = error
            _record_failure(notification, error)
        else:
            _record_sent(notification)
            return True
    if notification.email_status == Notification.EmailStatus.PENDING:
        raise failure
    return False


def deliver_many(*, notification_ids) -> tuple[int, list[int]]:
    """Send several pending emails over one connection to the mail server, each as
    ``deliver`` sends one: claimed, sent and marked in its own transaction, so a worker that
    dies mid-batch leaves at most the email in flight to be sent again.

    Returns how many were sent and the ids worth another try (each try already counted);
    after a failure the next email opens a fresh connection."""
    connection = get_connection()
    sent, again = 0, []
    try:
        for pk in notification_ids:
            with contextlib.suppress(Exception):
                connection.open()  # once; a server that is down fails each send instead
            try:
                sent += deliver(notification_id=pk, connection=connection)
            except Exception:
                again.append(pk)
                with contextlib.suppress(Exception):
                    connection.close()
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return sent, again


def _message(notification: Notification) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=one_line(f"{settings.EMAIL_SUBJECT_PREFIX}{notification.subject}"),
        body=notification.body_text,
        to=[notification.to_email],
        headers=_list_headers(notification),
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    if notification.attachment:
        message.attach(
            notification.attachment_name,
            notification.attachment,
            notification.attachment_type,
        )
    return message


def _record_failure(notification: Notification, error: Exception) -> None:
    notification.email_error = failures.describe(error)[:300]
    if failures.is_permanent(error):
        notification.email_status = Notification.EmailStatus.FAILED
        log.error("notification %s can't be sent: %s", notification.pk, notification.email_error)
    elif notification.email_attempts >= MAX_ATTEMPTS:
        notification.email_status = Notification.EmailStatus.FAILED
        log.error(
            "notification %s given up after %s tries: %s",
            notification.pk,
            notification.email_attempts,
            notification.email_error,
        )
    else:
        log.warning(
            "sending notification %s failed (try %s), it will be tried again: %s",
            notification.pk,
            notification.email_attempts,
            notification.email_error,
        )
    notification.save(update_fields=["email_status", "email_attempts", "email_error"])


def _record_sent(notification: Notification) -> None:
    notification.email_status = Notification.EmailStatus.SENT
    notification.sent_at = timezone.now()
    fields = ["email_status", "email_attempts", "sent_at"]
    if notification.kind in SCRUB_AFTER_SENDING or is_account_email(notification):
        # The email carried a secret link; once sent, keep no copy of it.
        notification.body_text = (
            f"Sent to {notification.to_email}; its link is not kept."  # not shown: a record
        )
        notification.body_html = ""
        notification.url = ""
        fields += ["body_text", "body_html", "url"]
    notification.save(update_fields=fields)


def _list_headers(notification: Notification) -> dict:
    """One-click unsubscribe (RFC 8058) for every email that a preference governs."""
    link = notification.unsubscribe_link
    preference = preference_of(notification.kind)
    if not link and notification.recipient_id is not None and preference is not None:
        # Written before links were kept on the row: sign one now (both links work).
        link = absolute_url(unsubscribe_path(notification.recipient_id, preference))
    if not link:
        return {}
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def emails_retry(*, notification_ids) -> int:
    """Try failed emails again from the start (the admin's "Send again", once the cause is
    fixed: a mail server setting, an address). Returns how many were queued."""
    failed = Notification.objects.filter(
        pk__in=list(notification_ids), email_status=Notification.EmailStatus.FAILED
    )
    with transaction.atomic():
        ids = list(failed.select_for_update().values_list("pk", flat=True))
        Notification.objects.filter(pk__in=ids).update(
            email_status=Notification.EmailStatus.PENDING, email_attempts=0
        )
        for pk in ids:
            transaction.on_commit(lambda pk=pk: queue_email(notification_id=pk))
    return len(ids)


def mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def settings_update(*, user, muted_kinds, lead_days, morning_hour, weekly_digest) -> None:
    """Save a person's choices and re-arm their reminders for the new times."""
    from .digest import next_digest_at

    with transaction.atomic():
        row = settings_for(user)
        row.muted_kinds = sorted(set(muted_kinds))
        row.lead_days = sorted(set(lead_days), reverse=True)
        row.morning_hour = morning_hour
        if weekly_digest and not row.weekly_digest:
            row.next_digest_at = next_digest_at(row)
        row.weekly_digest = weekly_digest
        row.save()
        if not weekly_digest:
            # Held reminders go out now rather than never.
            held = Notification.objects.filter(
                recipient=user, email_status=Notification.EmailStatus.DIGEST
            )
            ids = list(held.values_list("pk", flat=True))
            held.update(email_status=Notification.EmailStatus.PENDING)
            for pk in ids:
                transaction.on_commit(lambda pk=pk: queue_email(notification_id=pk))
        rearm_person(user)


def notifications_repoint(*, recipient, url_prefixes: list[str], url: str) -> int:
    """Send this person's notifications whose link starts with any of the prefixes to ``url``.

    Used when what they pointed at is gone (say, a buddy's goal after the buddy deleted
    their account), so an old notification still leads somewhere."""
    if not url_prefixes:
        return 0
    pointing = Q()
    for prefix in url_prefixes:
        pointing |= Q(url__startswith=prefix)
    return Notification.objects.filter(pointing, recipient=recipient).update(url=url)
