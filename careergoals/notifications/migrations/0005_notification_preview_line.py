import re

from django.db import migrations, models

GREETING = re.compile(r"^(hello|hi)\b[^.!?]*,$", re.IGNORECASE)
URL = re.compile(r"https?://\S+")
LIMIT = 160


def preview_of(text: str) -> str:
    """A frozen copy of emails.preview_of, as it was when this migration was written."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("-- ") or line == "--":
            break  # the unsubscribe footer
        if not line or GREETING.match(line) or URL.fullmatch(line):
            continue
        kept.append(line.removeprefix("- "))
        if sum(len(k) for k in kept) >= LIMIT:
            break
    words = " ".join(" ".join(kept).split())
    return words if len(words) <= LIMIT else words[: LIMIT - 1].rstrip() + "…"


def fill_previews(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.filter(preview="").only("pk", "body_text")
    batch = []
    for row in rows.iterator(chunk_size=500):
        row.preview = preview_of(row.body_text)
        batch.append(row)
        if len(batch) >= 500:
            Notification.objects.bulk_update(batch, ["preview"])
            batch = []
    Notification.objects.bulk_update(batch, ["preview"])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_keep_why_an_email_failed"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="preview",
            field=models.CharField(
                blank=True,
                help_text="The first words of the email, shown under the subject in the list.",
                max_length=160,
            ),
        ),
        migrations.RunPython(fill_previews, migrations.RunPython.noop),
    ]
