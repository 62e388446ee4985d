"""The IANA time zones a person can pick, and a validator for them."""

import datetime
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def timezone_names() -> tuple[str, ...]:
    names = {
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix", "right/"))
    }
    return ("UTC", *sorted(names))


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in timezone_names()]


def validate_timezone(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone we know. "
                "Pick one from the list, e.g. Europe/Berlin."
            ),
            params={"value": value},
            code="invalid_timezone",
        )


def user_zone(user) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def user_today(user, now: datetime.datetime | None = None) -> datetime.date:
    """The date it is now where this person lives."""
    moment = now or datetime.datetime.now(datetime.UTC)
    return moment.astimezone(user_zone(user)).date()
