"""Notifications recorded before previews existed get one from their text when migrating."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

BEFORE = [("notifications", "0004_keep_why_an_email_failed")]
OLD_BODY = """Hello Ana,

Bob commented on your goal:

Lead two client projects

“Keep going!”

Read it and reply:
http://127.0.0.1:8000/goals/1/

-- \nTo stop emails like this one: http://127.0.0.1:8000/notifications/unsubscribe/x/"""


@pytest.mark.django_db(transaction=True)
def test_older_notifications_get_a_preview_line(client, ana):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("notifications", "Notification")
    old.objects.create(
        recipient_id=ana.pk,
        to_email=ana.email,
        kind="comment",
        subject="Bob commented on your goal",
        body_text=OLD_BODY,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    client.force_login(ana)
    page = client.get(reverse("notifications:notifications")).content.decode()
    expected = "Bob commented on your goal: Lead two client projects “Keep going!” Read it and"
    assert f">{expected} reply:</p>" in page  # no greeting, no link, no unsubscribe line
