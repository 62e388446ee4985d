"""The one Celery app. Tasks are discovered in each app's ``tasks.py``."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careergoals.settings.base")

# How often beat sweeps due reminders and stuck emails; tests of faults run it every second.
SWEEP_SECONDS = float(os.environ.get("NOTIFICATION_SWEEP_SECONDS", "60"))

app = Celery("careergoals")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    timezone="UTC",
    enable_utc=True,
    beat_schedule={
        "sweep-notifications": {
            "task": "careergoals.notifications.tasks.sweep_notifications",
            "schedule": SWEEP_SECONDS,
        },
        "plan-quarterly-prompts": {
            "task": "careergoals.notifications.tasks.plan_quarterly_prompts",
            "schedule": crontab(minute=7),  # hourly: cheap, idempotent
        },
        "send-weekly-digests": {
            "task": "careergoals.notifications.tasks.send_weekly_digests",
            "schedule": crontab(minute="*/15"),
        },
        "clear-expired-sessions": {
            "task": "careergoals.tasks.clear_expired_sessions",
            "schedule": crontab(hour=3, minute=17),
        },
    },
)
app.autodiscover_tasks()
