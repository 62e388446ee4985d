"""The one Celery app. Tasks are discovered in each app's ``tasks.py``."""

import os
import warnings

from celery import Celery, signals
from celery.exceptions import SecurityWarning
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

# Celery warns a worker started as root, because a pickled message could then run code as
# root. This app accepts JSON only (above), so the warning only alarms people in containers.
warnings.filterwarnings(
    "ignore",
    message="You're running the worker with superuser privileges",  # not shown: Celery's
    category=SecurityWarning,
)


@signals.worker_process_init.connect
def leave_the_process_group(**kwargs):
    """A pool process answers to the worker alone, not to signals sent to its group.

    Ctrl+C under honcho (or a supervisor stopping the group) sends SIGTERM to the worker and
    its pool processes at once: the pool processes died mid-way and the worker logged each
    death as an ERROR. In their own group they finish their task and exit when the worker's
    warm shutdown tells them to; if the worker itself dies they are killed with it.
    """
    os.setpgid(0, 0)
