from smtplib import SMTPException

from celery import shared_task

from .services import deliver, deliver_many


@shared_task(
    bind=True,
    autoretry_for=(OSError, SMTPException),
    retry_backoff=10,
    retry_backoff_max=240,  # never further ahead than a few minutes: the sweep takes over
    max_retries=4,
)
def send_notification(self, notification_id: int) -> bool:
    return deliver(notification_id=notification_id)


@shared_task(bind=True, max_retries=4)
def send_notifications(self, notification_ids: list[int]) -> int:
    """A batch of emails (the sweep's) over one connection to the mail server. Those worth
    another try go again together, with the same backoff as ``send_notification``; after
    the last retry the sweep's resend takes over."""
    sent, again = deliver_many(notification_ids=notification_ids)
    if again:
        raise self.retry(args=[again], countdown=min(240, 10 * 2**self.request.retries))
    return sent


@shared_task
def sweep_notifications() -> int:
    """The minute beat: claim due reminders, record them, resend what got stuck."""
    from .sweep import sweep

    return sweep()


@shared_task
def send_weekly_digests() -> int:
    from .digest import send_due_digests

    return send_due_digests()
