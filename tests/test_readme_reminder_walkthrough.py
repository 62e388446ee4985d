"""The README's "Watching a reminder arrive", step by step, through the front door.

Sign up with the client, confirm from the outbox, choose "7 days" and the coming hour on the
settings page, write a goal and a step due exactly seven days ahead, then let the clock reach
that hour and run the minute sweep and the worker the way beat does: the reminder arrives.
"""

import datetime
import zoneinfo
from html.parser import HTMLParser

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from careergoals.notifications.tasks import sweep_notifications
from goals.models import Goal, MicroGoal
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


class FormValues(HTMLParser):
    """What a browser would post for the first form with a submit button: ticked boxes,
    selected options and text inputs, as they are on the page."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._first_option: tuple[str, str] | None = None
        self._chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select, self._first_option, self._chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = (self._select, value)
            if "selected" in attrs:
                self.values[self._select] = [value]
                self._chosen = True

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._chosen and self._first_option:
                self.values[self._select] = [self._first_option[1]]
            self._select = None


def form_on(page) -> dict[str, list[str]]:
    parser = FormValues()
    parser.feed(page.content.decode())
    return parser.values


def sign_up_and_confirm(client, email="reader@example.org") -> None:
    signed_up = client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Reader",
            "timezone": "Europe/Berlin",
        },
    )
    assert signed_up.status_code == 302
    deliver_pending()  # as the worker would
    (confirmation,) = mail.outbox
    confirm = next(link for link in links_in(confirmation) if "/confirm-email/" in link)
    assert client.post(path_of(confirm)).status_code == 302
    mail.outbox.clear()


def choose(client, *, lead: str, hour: int) -> None:
    """Tick a lead time and pick an hour on the settings page, keeping the rest as shown."""
    page = client.get(reverse("notifications:notification_settings"))
    assert page.status_code == 200
    values = form_on(page)
    values["lead_days"] = sorted(set(values.get("lead_days", [])) | {lead})
    values["morning_hour"] = [str(hour)]
    saved = client.post(reverse("notifications:notification_settings"), values)
    assert saved.status_code == 302


def write_goal_and_step(client, *, today: datetime.date, title: str) -> None:
    created = client.post(
        reverse("goals:goal_create"),
        {
            "statement": "Speak at two industry conferences",
            "category": "difference",
            "horizon": "1",
            "target_date": (today + datetime.timedelta(days=180)).isoformat(),
            "metric_name": "Talks given",
            "metric_unit": "talks",
            "baseline": "0",
            "target": "2",
            "confidence": "3",
            "relevance": "Being known in the field opens doors.",
        },
    )
    assert created.status_code == 302
    goal = Goal.objects.get(statement="Speak at two industry conferences")
    assert created.url == reverse("goals:goal_detail", args=[goal.pk])
    step_added = client.post(
        reverse("goals:micro_goal_create", args=[goal.pk]),
        {"title": title, "deadline": (today + datetime.timedelta(days=7)).isoformat()},
    )
    assert step_added.status_code == 302
    assert MicroGoal.objects.get().title == title


def beat_sweeps_at(moment: datetime.datetime) -> list:
    """What the minute beat and the worker do at ``moment``; returns the emails sent."""
    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False):
        sweep_notifications()
        deliver_pending()
    return mail.outbox[before:]


TITLE = "Send the talk proposal to DevConf"


@pytest.mark.parametrize(
    ("now", "hour", "arrives"),
    [
        # The README's example: at 14:20 choose 15:00; it arrives at 15:00.
        (
            datetime.datetime(2027, 5, 12, 14, 20, tzinfo=BERLIN),
            15,
            datetime.datetime(2027, 5, 12, 15, 0, tzinfo=BERLIN),
        ),
        # Just before midnight the coming hour is tomorrow's: today's 00:00 was only just
        # missed, so the reminder goes out at the next minute.
        (
            datetime.datetime(2027, 5, 12, 23, 20, tzinfo=BERLIN),
            0,
            datetime.datetime(2027, 5, 12, 23, 21, tzinfo=BERLIN),
        ),
    ],
)
def test_watching_a_reminder_arrive(client, now, hour, arrives):
    with time_machine.travel(now, tick=False):
        # 1. Sign up, confirm the email.
        sign_up_and_confirm(client)
        # 2. Account settings → Notifications: "7 days" ticked, the coming hour, save.
        choose(client, lead="7", hour=hour)
        # 3. A goal, and a step whose deadline is exactly 7 days from today.
        write_goal_and_step(client, today=now.date(), title=TITLE)

    # Nothing a minute before (the sweep runs every minute).
    if arrives - datetime.timedelta(minutes=1) > now:
        assert beat_sweeps_at(arrives - datetime.timedelta(minutes=1)) == []
    # 4. At that moment the minute sweep picks it up and the worker sends it.
    (reminder,) = beat_sweeps_at(arrives)
    assert reminder.to == ["reader@example.org"]
    assert f"“{TITLE}” is due in 7 days" in reminder.subject
    assert TITLE in reminder.body
    # Never again.
    assert beat_sweeps_at(arrives + datetime.timedelta(minutes=1)) == []
    assert beat_sweeps_at(arrives + datetime.timedelta(days=1)) == []


def test_changing_your_mind_after_adding_the_step(client):
    """Steps in the other order: the step is planned at the default 08:00 first, then the
    settings page moves it to the hour chosen, where it arrives (and not again at 08:00)."""
    now = datetime.datetime(2027, 5, 12, 6, 20, tzinfo=BERLIN)
    with time_machine.travel(now, tick=False):
        sign_up_and_confirm(client)
        write_goal_and_step(client, today=now.date(), title=TITLE)
        choose(client, lead="7", hour=7)

    assert beat_sweeps_at(datetime.datetime(2027, 5, 12, 6, 59, tzinfo=BERLIN)) == []
    (reminder,) = beat_sweeps_at(datetime.datetime(2027, 5, 12, 7, 0, tzinfo=BERLIN))
    assert f"“{TITLE}” is due in 7 days" in reminder.subject
    assert beat_sweeps_at(datetime.datetime(2027, 5, 12, 8, 0, tzinfo=BERLIN)) == []
