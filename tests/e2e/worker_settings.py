"""The e2e worker's settings: production's, plus a queue of its own.

The live server (in the test process) sends its tasks to this queue too, so the worker
never takes tasks meant for another test run on the same Redis, nor they its."""

import os

from careergoals.settings.base import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["CAREERGOALS_E2E_QUEUE"]
