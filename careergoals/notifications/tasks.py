from celery import shared_task

from .services import deliver, deliver_pending


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_notification(self, notification_id: int) -> bool:
    return deliver(notification_id=notification_id)


@shared_task
def sweep_notifications() -> int:
    """Catch what a crash or a lost task left waiting."""
    return deliver_pending()
