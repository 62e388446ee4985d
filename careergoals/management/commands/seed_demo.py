"""Fill the database with demo people for trying the site or measuring it.

    python manage.py seed_demo [--people N] [--steps TOTAL] [--due D] [--wipe] [--seed 1]

Everyone's address ends in @demo.test and shares one password (printed). Refuses a database
that holds real people (DEBUG off and anyone not @demo.test) unless --force.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from careergoals import demo
from careergoals.users.models import User


class Command(BaseCommand):
    help = (
        "Create demo people (typical@demo.test, heavy@demo.test and N others) with goals, "
        "steps, buddies and planned reminders, inserted in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=200, help="other people (at least 4)")
        parser.add_argument(
            "--steps", type=int, default=50_000, help="steps shared by the other people"
        )
        parser.add_argument(
            "--due", type=int, default=0, help="step reminders due now, for a sweep to record"
        )
        parser.add_argument("--wipe", action="store_true", help="delete the demo data first")
        parser.add_argument("--seed", type=int, default=1, help="random seed (same data again)")
        parser.add_argument(
            "--force", action="store_true", help="seed even though real people use this database"
        )

    def handle(self, *args, people, steps, due, wipe, seed, force, **options):
        if people < demo.MIN_OTHERS:
            raise CommandError(f"--people must be at least {demo.MIN_OTHERS}.")
        if steps < 0 or due < 0:
            raise CommandError("--steps and --due can't be negative.")
        real = User.objects.exclude(email__iendswith=f"@{demo.DOMAIN}").exists()
        if real and not settings.DEBUG and not force:
            raise CommandError(
                "This database holds people who are not demo people, and DEBUG is off: "
                "it looks like a real site. Use --force if you really mean to seed it."
            )
        if wipe:
            removed = demo.wipe()
            self.stdout.write(f"Removed {removed} demo people and everything they had.")
        elif demo.demo_people().exists():
            raise CommandError("Demo people exist already: add --wipe to start again.")
        try:
            summary = demo.seed(
                people=people,
                steps=steps,
                due=due,
                seed=seed,
                progress=lambda text: self.stderr.write(text) if options["verbosity"] > 1 else None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sign in as {demo.TYPICAL.email} or {demo.HEAVY.email}, password {demo.PASSWORD}"
        )
        self.stdout.write(str(summary))
