"""Load a Career Goals JSON export into an empty account: manage.py import_account EMAIL FILE."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from goals.account_data.services import account_import


class Command(BaseCommand):
    help = "Import a Career Goals JSON export (Your data) into an existing, empty account."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the account to import into; it must own nothing yet")
        parser.add_argument("file", type=Path, help="the .json file downloaded from Your data")

    def handle(self, *args, email: str, file: Path, **options):
        user = self._user(email)
        data = self._read(file)
        try:
            summary = account_import(user=user, data=data)
        except ValidationError as error:
            raise CommandError("Nothing was imported. " + " ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{summary.imported} into {user.email}."))
        if summary.not_restored:
            self.stdout.write(self.style.WARNING(summary.not_restored))

    def _user(self, email: str):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the email address {email}.")
        return user

    def _read(self, file: Path):
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}.") from None
