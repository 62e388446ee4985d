"""Every accountability model has a working admin list and change page, without secrets."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accountability import models

pytestmark = pytest.mark.django_db
MODELS = [
    models.Invitation,
    models.Partnership,
    models.Agreement,
    models.ReviewMeeting,
    models.Comment,
    models.Suggestion,
    models.AttainabilityFeedback,
    models.Nudge,
    models.GoalShare,
    models.CalendarFeed,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_pages(admin_client, model, ana, bob, partnership, shared_goal):
    from accountability import services

    services.invitation_create(inviter=ana, email="x@example.org")
    services.feed_get_or_create(user=ana)
    services.suggestion_step_add(goal=shared_goal, author=bob, title="Call Priya")
    assert admin.site.is_registered(model)
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    obj = model.objects.first()
    if obj is not None:
        page = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert page.status_code == 200
        html = page.content.decode()
        assert "token_hash" not in html and 'name="secret"' not in html
