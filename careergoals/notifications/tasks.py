from smtplib import SMTPException

from celery import shared_task

from .services import deliver


@shared_task(
    bind=True,
    autoretry_for=(OSError, SMTPException),
    retry_backoff=10,
    retry_backoff_max=240,  # never further ahead than a few minutes: the sweep takes over
    max_retries=4,
)
def send_notification(self, notification_id: int) -> bool:
    return deliver(notification_id=notification_id)


@shared_task
def sweep_notifications() -> int:
    """The minute beat: claim due reminders, record them, resend what got stuck."""
    from .sweep import sweep

    return sweep()


@shared_task
def send_weekly_digests() -> int:
    from .digest import send_due_digests

    return send_due_digests()
