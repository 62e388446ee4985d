"""Production settings plus the benchmark's URLconf (with its baseline view) and its own queue.

Only the benchmark's gunicorn and Celery worker select this module; production never does,
so the baseline page is never reachable on a real site.
"""

import os

from careergoals.settings.production import *  # noqa: F403

ROOT_URLCONF = "careergoals.bench.urls"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CAREERGOALS_BENCH_QUEUE", "celery")
