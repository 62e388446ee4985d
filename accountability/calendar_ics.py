"""iCalendar text (RFC 5545) for the personal feed and the review invitations.

Written line by line rather than through the `icalendar` library's component objects, which
cost about half a millisecond per event (a heavy feed of 2,000 events took over a second):
here each event is a handful of f-strings. The rules kept by hand, and checked by tests that
parse the result with `icalendar`: TEXT values escape backslash, semicolon, comma and line
breaks (3.3.11); parameter values are quoted, with RFC 6868's ^-escapes; every line is folded
at 75 octets without splitting a UTF-8 character (3.1); lines end with CRLF.
"""

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from accountability.calendar_events import REVIEW, Event
from accountability.models import ReviewMeeting
from careergoals.notifications.services import absolute_url

DEADLINE_ALARMS = (datetime.timedelta(days=-7), datetime.timedelta(days=-1))
MEETING_ALARMS = (datetime.timedelta(days=-1), datetime.timedelta(hours=-1))
REFRESH = datetime.timedelta(hours=6)
CRLF = "\r\n"
NEWLINE = "\n"
ONE_DAY = datetime.timedelta(days=1)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not allowed in TEXT (tab is)
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def text(value: str) -> str:
    """A TEXT value: line breaks become \\n, the separators are escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).translate(_TEXT_ESCAPES)


def param(value: str) -> str:
    """A quoted parameter value (say a CN): RFC 6868 carets for quotes and line breaks."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value.replace("^", "^^").replace('"', "^'").replace("\n", "^n"))
    return f'"{value}"'


def fold(line: str) -> str:
    """Lines longer than 75 octets go on in lines that start with a space."""
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74  # the leading space counts
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def day(value: datetime.date) -> str:
    return value.isoformat().replace("-", "")


def duration(delta: datetime.timedelta) -> str:
    """Whole days, hours or minutes, as alarms and the refresh interval use them."""
    sign, seconds = ("-", -delta) if delta < datetime.timedelta(0) else ("", delta)
    days, rest = seconds.days, seconds.seconds
    if rest == 0:
        return f"{sign}P{days}D"
    hours, minutes = divmod(rest // 60, 60)
    time = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return f"{sign}P{days}DT{time}" if days else f"{sign}PT{time}"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "careergoals.invalid"


def _alarms(triggers, description: str) -> str:
    """``description`` is a folded DESCRIPTION line; the alarms repeat the event's title."""
    return "".join(
        f"BEGIN:VALARM{CRLF}ACTION:DISPLAY{CRLF}TRIGGER:{duration(trigger)}{CRLF}"
        f"{description}{CRLF}END:VALARM{CRLF}"
        for trigger in triggers
    )


def vevent(event: Event, stamp: str, host: str, extra: tuple[str, ...] = ()) -> str:
    """One VEVENT, folded, each line ending in CRLF: deadlines all-day, meetings in UTC."""
    url = absolute_url(event.url)
    title = text(event.title)
    lines = [
        "BEGIN:VEVENT",
        fold(f"UID:{event.uid}@{host}"),
        f"DTSTAMP:{stamp}",
        fold(f"SUMMARY:{title}"),
        fold(f"URL:{url}"),
        fold(f"DESCRIPTION:{text(f'{event.detail}{NEWLINE}{url}'.strip())}"),
        fold(f"CATEGORIES:{text(event.kind.label)}"),
    ]
    if event.is_meeting:
        lines += [
            f"DTSTART:{utc(event.starts_at)}",
            f"DTEND:{utc(event.ends_at)}",
            f"STATUS:{'TENTATIVE' if event.tentative else 'CONFIRMED'}",
        ]
        if event.place:
            lines.append(fold(f"LOCATION:{text(event.place)}"))
        alarms = MEETING_ALARMS
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{day(event.day)}",
            f"DTEND;VALUE=DATE:{day(event.day + ONE_DAY)}",
            "TRANSP:TRANSPARENT",  # a deadline doesn't make anyone busy
        ]
        alarms = DEADLINE_ALARMS
    lines += (fold(line) for line in extra)
    alarms_text = _alarms(alarms, fold(f"DESCRIPTION:{title}"))
    return CRLF.join(lines) + CRLF + alarms_text + "END:VEVENT" + CRLF


def _calendar(method: str, name: str) -> list[str]:
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(f'-//{settings.SITE_NAME}//Calendar//EN')}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{text(name)}",
    ]


def _lines(lines: list[str]) -> str:
    return "".join(fold(line) + CRLF for line in lines)


def build_ics(*, user, events, stamp: datetime.datetime) -> bytes:
    """A subscribable calendar (METHOD:PUBLISH), two alarms per event.

    ``stamp`` (DTSTAMP) is when what the feed holds last changed, so the same data always
    gives the same bytes."""
    host, when = _host(), utc(stamp)
    lines = _calendar("PUBLISH", f"{settings.SITE_NAME}: {user.name}")
    lines += [
        "X-WR-CALDESC:"
        + text(gettext("Your goal and step deadlines, your buddies’ and your reviews.")),
        f"REFRESH-INTERVAL;VALUE=DURATION:{duration(REFRESH)}",
        f"X-PUBLISHED-TTL:{duration(REFRESH)}",
    ]
    events_text = "".join(vevent(event, when, host) for event in events)
    return (_lines(lines) + events_text + "END:VCALENDAR" + CRLF).encode()


def _person(user) -> str:
    return f"CN={param(user.name)}"


def meeting_ics(meeting: ReviewMeeting, now: datetime.datetime | None = None) -> bytes:
    """The invitation attached to review emails (METHOD:REQUEST), with both people invited."""
    proposer = meeting.proposed_by
    partnership = meeting.partnership
    accepted = meeting.status in (ReviewMeeting.Status.ACCEPTED, ReviewMeeting.Status.HELD)
    stamp = utc(now or datetime.datetime.now(datetime.UTC))
    names = " & ".join(member.name for member in partnership.members())
    event = Event(
        uid=f"review-{meeting.pk}",
        kind=REVIEW,
        title=gettext("Goal review: %(names)s") % {"names": names},
        short=gettext("Goal review: %(names)s") % {"names": names},
        day=meeting.starts_at.date(),
        url=reverse("buddies:review_detail", args=[meeting.pk]),
        detail=gettext("Walk through the goals you share, what changed, and adjust them together."),
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes),
        place=meeting.place,
        tentative=not accepted,
    )
    extra = [f"SEQUENCE:{1 if accepted else 0}"]
    if proposer is not None:
        extra.append(f"ORGANIZER;{_person(proposer)}:mailto:{proposer.email}")
    for member in partnership.members():
        is_proposer = proposer is not None and member.pk == proposer.pk
        partstat = "ACCEPTED" if accepted or is_proposer else "NEEDS-ACTION"
        # RSVP=FALSE: answers go through the app, not by email.
        extra.append(
            f"ATTENDEE;{_person(member)};PARTSTAT={partstat};RSVP=FALSE;ROLE=REQ-PARTICIPANT:"
            f"mailto:{member.email}"
        )
    name = gettext("%(site)s: goal review") % {"site": settings.SITE_NAME}
    head = _lines(_calendar("REQUEST", name))
    return (head + vevent(event, stamp, _host(), tuple(extra)) + "END:VCALENDAR" + CRLF).encode()
