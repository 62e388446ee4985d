"""A person's notifications in the API: list them, mark them read, and their email choices.

The same queries and services as the bell's page and the settings page; the settings are
validated by the settings page's own form.
"""

import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from careergoals.apikit import READ_ERRORS, WRITE_ERRORS, ErrorOut, Page

from .forms import NotificationSettingsForm
from .kinds import PREFERENCES
from .models import Notification
from .preferences import choices_of
from .services import mark_read, settings_update

router = Router(tags=["Notifications"])


class NotificationOut(Schema):
    """One notification, as under the bell."""

    id: int
    kind: str
    subject: str
    preview: str
    url: str = Field(
        description="The page it is about, on this site (a path), or empty.",  # not shown
    )
    created_at: datetime.datetime
    read_at: datetime.datetime | None


# The API's documentation is English: its words are marked "not shown" (not translated).


class NotificationFilter(Schema):
    """Which notifications to list."""

    unread: bool | None = Field(
        None,
        description="Only unread ones (true) or read ones (false).",  # not shown
    )


class MarkReadIn(Schema):
    """Which to mark read: these ids, or every unread one."""

    ids: list[int] | None = Field(
        None,
        description="Leave out (or null) to mark all of them.",  # not shown
    )


class MarkedOut(Schema):
    """What marking read did."""

    marked: int = Field(
        description="How many were unread and are read now.",  # not shown
    )


class NotificationSettingsOut(Schema):
    """What the person is emailed about, and when."""

    emails: list[str] = Field(
        description="The kinds of email they get (the others are off).",  # not shown
    )
    lead_days: list[int] = Field(
        description="Days before a deadline to remind them: 30, 14, 7, 3, 1.",  # not shown
    )
    morning_hour: int = Field(
        ge=0,
        le=23,
        description="The hour reminders go out, in their time zone.",  # not shown
    )
    weekly_digest: bool = Field(
        description="Deadline reminders bundled into one email on Mondays.",  # not shown
    )


@router.get(
    "/notifications",
    response={200: list[NotificationOut]} | READ_ERRORS | {422: ErrorOut},
    summary="Your notifications",
)
@paginate(Page)
def notification_list(request, filters: Query[NotificationFilter]):
    """Newest first, as under the bell."""
    notifications = Notification.objects.filter(recipient=request.user).only(
        "kind", "subject", "preview", "url", "created_at", "read_at"
    )
    if filters.unread is not None:
        notifications = notifications.filter(read_at__isnull=filters.unread)
    return notifications


@router.post(
    "/notifications/read",
    response={200: MarkedOut} | WRITE_ERRORS,
    summary="Mark notifications read",  # not shown
)
def notifications_read(request, payload: MarkReadIn):
    """Only the person's own notifications are marked; others' ids are left alone."""
    return {"marked": mark_read(user=request.user, notification_ids=payload.ids)}


def _settings_of(user) -> dict:
    choices = choices_of([user.pk])[user.pk]
    return {
        "emails": [key for key in PREFERENCES if choices.wants(key)],
        "lead_days": list(choices.leads),
        "morning_hour": choices.morning_hour,
        "weekly_digest": choices.weekly_digest,
    }


@router.get(
    "/me/notification-settings",
    response={200: NotificationSettingsOut} | READ_ERRORS,
    summary="Your notification settings",  # not shown
)
def notification_settings(request):
    """The choices of the settings page. ``emails`` lists the kinds that are on."""
    return _settings_of(request.user)


@router.put(
    "/me/notification-settings",
    response={200: NotificationSettingsOut} | WRITE_ERRORS,
    summary="Change your notification settings",  # not shown
)
def notification_settings_update(request, payload: NotificationSettingsOut):
    """All four choices at once, validated as on the settings page; reminders are re-planned
    for the new times."""
    form = NotificationSettingsForm(data=payload.dict())
    if not form.is_valid():
        raise ValidationError(form.errors)
    data = form.cleaned_data
    settings_update(
        user=request.user,
        muted_kinds=[key for key in PREFERENCES if key not in data["emails"]],
        lead_days=data["lead_days"],
        morning_hour=data["morning_hour"],
        weekly_digest=data["weekly_digest"],
    )
    return _settings_of(request.user)
