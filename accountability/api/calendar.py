"""Your calendar in a date range: what the calendar page shows."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from accountability.calendar_events import calendar_events
from accountability.views.calendar import FIRST_YEAR, LAST_YEAR
from careergoals.apikit import READ_ERRORS, ErrorOut, Page

from .schemas import CALENDAR_MAX_DAYS, CalendarEventOut, CalendarRange

router = Router(tags=["Calendar"])


@router.get(
    "/calendar/events",
    response={200: list[CalendarEventOut], **READ_ERRORS, 422: ErrorOut},
    summary="Your calendar in a date range",  # not shown (the API docs are English)
)
@paginate(Page)
def calendar_range(request, dates: Query[CalendarRange]):
    """What your calendar page shows from ``start`` to ``end`` (both included, at most 366
    days): your open goals' and steps' deadlines, those your buddies share with you, and
    review meetings, by day (meetings in your time zone)."""
    for name in ("start", "end"):  # the years the calendar page can show
        if not FIRST_YEAR <= getattr(dates, name).year <= LAST_YEAR:
            message = _("Choose a year from %(first)s to %(last)s.")
            raise ValidationError({name: message % {"first": FIRST_YEAR, "last": LAST_YEAR}})
    if dates.end < dates.start:
        raise ValidationError({"end": _("The end date comes before the start date.")})
    if (dates.end - dates.start).days >= CALENDAR_MAX_DAYS:
        raise ValidationError(
            {"end": _("Ask for %(days)s days at most.") % {"days": CALENDAR_MAX_DAYS}}
        )
    return calendar_events(user=request.user, start=dates.start, end=dates.end)
