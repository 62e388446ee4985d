"""Load the library of goal examples from goals/examples/*.json (run again at will)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goals.services_examples import EXAMPLES_DIR, LibraryFileError, goal_examples_load


class Command(BaseCommand):
    help = (
        "Bring the library of goal examples in line with the data files in goals/examples/: "
        "new examples are added and changed ones updated, by their slug, never twice. "
        "`migrate` adds new ones by itself; run this after editing a file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, default=EXAMPLES_DIR, help="Folder of the JSON data files."
        )

    def handle(self, *args, dir: Path, **options):
        if not dir.is_dir():
            raise CommandError(f"No folder of examples at {dir}.")
        try:
            report = goal_examples_load(directory=dir)
        except LibraryFileError as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        for line in report.lines():
            self.stdout.write(line)
