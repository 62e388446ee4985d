"""Prepare the database and static files, say where the site is, then run gunicorn."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files and serve the site with gunicorn (the Procfile's web)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, host, port, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\n  Career Goals is running at {url}\n"))
        if settings.EMAIL_BACKEND == "careergoals.mail.FolderEmailBackend":
            self.stdout.write(
                f"  Emails (sign-up links, reminders) are saved in {settings.EMAIL_FILE_PATH}/\n"
            )
        self.stdout.flush()
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        os.execv(  # noqa: S606 - replace this process with the web server
            gunicorn,
            [
                gunicorn,
                "careergoals.wsgi:application",
                f"--bind={host}:{port}",
                f"--workers={workers}",
                "--access-logfile=-",
                "--forwarded-allow-ips=127.0.0.1",
                # Nothing outside var/: no control socket in the home folder.
                "--no-control-socket",
            ],
        )
