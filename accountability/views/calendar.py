"""The month calendar, the personal feed's settings page and the feed itself."""

import datetime
import gzip
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from accountability import selectors, services
from accountability.calendar_events import KINDS, calendar_events, month_bounds, month_grid
from careergoals import fragments
from careergoals.notifications.services import absolute_url
from careergoals.users.timezones import user_today
from goals.months import add_months

MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
FIRST_YEAR, LAST_YEAR = 1900, 9998  # so that the previous and next months always exist
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _month(value: str | None, today: datetime.date) -> datetime.date:
    """The first day of ``?month=YYYY-MM``; anything else means this month."""
    match = MONTH.fullmatch(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return today.replace(day=1)


@login_required
@require_GET
def calendar_month(request):
    today = user_today(request.user)
    first = _month(request.GET.get("month"), today)
    start, end = month_bounds(first.year, first.month)
    events = calendar_events(user=request.user, start=start, end=end)

    def grid() -> dict:  # only when the month is drawn: it follows from the events and dates
        weeks = month_grid(first.year, first.month, events, today=today)
        return {
            "weeks": weeks,
            "weekdays": [day.date for day in weeks[0]],
            "busy_days": [day for week in weeks for day in week if day.in_month and day.events],
            "kinds": KINDS,
            "previous": add_months(first, -1),
            "next": add_months(first, 1),
            "is_this_month": first == today.replace(day=1),
        }

    content = fragments.render(
        "accountability/calendar_content.html",
        {"first": first, "today": today, "events": events, "user": request.user},
        request=request,
        build=grid,
    )
    return render(request, "accountability/calendar.html", {"first": first, "content": content})


SHOW_ONCE = "calendar_feed_new_address"  # session key: a new secret, kept until shown


def feed_address(feed, secret: str) -> str:
    return absolute_url(reverse("buddies:calendar_feed_ics", args=[feed.public_id, secret]))


@login_required
@require_GET
@never_cache
def feed_settings(request):
    """The address is shown once, on the first visit after it was made; then only its date."""
    feed = selectors.calendar_feed_of(user=request.user)
    secret = request.session.pop(SHOW_ONCE, None)
    context = {"feed": feed, "feed_url": "", "webcal_url": ""}
    if feed is not None and selectors.calendar_feed_secret_is_current(feed=feed, secret=secret):
        context["feed_url"] = feed_address(feed, secret)
        context["webcal_url"] = re.sub(r"^https?://", "webcal://", context["feed_url"])
    return render(request, "accountability/calendar_feed.html", context)


@login_required
@require_POST
def feed_regenerate(request):
    had_one = selectors.calendar_feed_of(user=request.user) is not None
    feed = services.feed_regenerate(user=request.user)
    request.session[SHOW_ONCE] = feed.secret
    if had_one:
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old one stopped working: "
                "add the new one to your calendar apps."
            ),
        )
    else:
        messages.success(request, _("Your calendar address is ready: copy it now."))
    return redirect("buddies:calendar_feed")


@require_safe
def feed(request, public_id, secret):
    """The .ics a calendar app fetches: no login, the secret in the address is the key.

    An unchanged feed answers 304 from the feed's row alone (see `selectors.feed_state`)."""
    found = selectors.feed_by_secret(public_id=public_id, secret=secret)
    if found is None:
        raise Http404
    state = selectors.feed_state(feed=found)
    response = get_conditional_response(
        request, etag=state.etag, last_modified=int(state.last_modified.timestamp())
    )
    if response is None:
        body = selectors.feed_gzipped(feed=found, state=state)
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(
                gzip.decompress(body), content_type="text/calendar; charset=utf-8"
            )
        response["Content-Disposition"] = 'inline; filename="career-goals.ics"'
    response["ETag"] = state.etag
    response["Last-Modified"] = http_date(state.last_modified.timestamp())
    response["Cache-Control"] = "private, max-age=900"
    patch_vary_headers(response, ["Accept-Encoding"])
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
