"""Static files on the embedded default: hashed names once collected, plain ones before.

`serve` (the Procfile's web) runs collectstatic first and gets far-future cached, hashed
names. `python manage.py runserver` on a fresh checkout has no manifest yet: the plain name
is used and whitenoise serves the file from the app folders (WHITENOISE_USE_FINDERS), instead
of every page failing on a missing manifest entry. Production keeps the strict storage.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestOnceCollected(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        """The hashed name when collected; otherwise the plain one, which finders serve."""
        try:
            return super().stored_name(name)
        except ValueError:  # not collected (yet): no manifest entry and no file to hash
            return name
