"""Review meeting forms: they validate and convert; the services in services/reviews.py write."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText
from careergoals.users.timezones import user_today, user_zone
from goals import bounds
from goals.forms import DATE_WIDGET, date_window
from goals.forms_progress import MetricValueField
from goals.models import Goal
from goals.models.goal import status_in_sentence

MAX_AHEAD = datetime.timedelta(days=366)
DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1½ hours")),
    (120, _("2 hours")),
]


class ReviewProposeForm(KeepsLongText, forms.Form):
    """A date and a time where the proposer lives; ``cleaned_data["starts_at"]`` is aware."""

    date = forms.DateField(
        label=_("Date"),
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Enter a date, like 2027-01-12.")},
    )
    time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time, like 18:30.")},
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("How long"), choices=DURATIONS, coerce=int, initial=60
    )
    place = forms.CharField(
        label=_("Place or video link (optional)"),
        required=False,
        max_length=300,
        help_text=_("A café, an office, or the link to a video call."),
    )

    def __init__(self, *args, proposer, buddy, now: datetime.datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = user_zone(proposer)
        self.buddy_zone = user_zone(buddy)
        self.now = now or timezone.now()
        today = self.now.astimezone(self.zone).date()
        self.fields["date"].initial = today + datetime.timedelta(days=7)
        self.fields["date"].widget.attrs.update(
            min=today.isoformat(), max=(today + MAX_AHEAD).isoformat()
        )
        self.fields["time"].initial = datetime.time(17, 0)
        # Help text is printed as HTML by the form layout: a buddy's name must be escaped.
        zone = self.zone.key.replace("_", " ")
        if self.buddy_zone.key != self.zone.key:
            zone_help = format_html(
                gettext("In your time zone, {zone}. {name} lives in {buddy_zone}."),
                zone=zone,
                name=buddy.name,
                buddy_zone=self.buddy_zone.key.replace("_", " "),
            )
        else:
            zone_help = format_html(gettext("In your time zone, {zone}."), zone=zone)
        self.fields["time"].help_text = zone_help

    def clean(self):
        data = super().clean()
        day, at = data.get("date"), data.get("time")
        if day is None or at is None:
            return data
        today = self.now.astimezone(self.zone).date()
        if not today - datetime.timedelta(days=1) <= day <= today + MAX_AHEAD:
            # Before any time-zone arithmetic: 9999-12-31 or year 1 would overflow it.
            self.add_error("date", _("Pick a date within the next year."))
            return data
        naive = datetime.datetime.combine(day, at.replace(second=0, microsecond=0))
        starts = naive.replace(tzinfo=self.zone)
        if starts.astimezone(datetime.UTC).astimezone(self.zone).replace(tzinfo=None) != naive:
            self.add_error(
                "time", _("The clocks change that night, so this time doesn’t exist. Pick another.")
            )
        elif starts <= self.now:
            today = self.now.astimezone(self.zone).date()
            self.add_error(
                "date" if day < today else "time",
                _("That time has passed. Pick a date and time in the future."),
            )
        elif starts - self.now > MAX_AHEAD:
            self.add_error("date", _("Pick a date within the next year."))
        else:
            data["starts_at"] = starts
        return data


STATUS_MOVES = {
    Goal.Status.DRAFT: (Goal.Status.ACTIVE, Goal.Status.ACHIEVED, Goal.Status.ABANDONED),
    Goal.Status.ACTIVE: (Goal.Status.ACHIEVED, Goal.Status.ABANDONED),
    Goal.Status.ACHIEVED: (Goal.Status.ACTIVE, Goal.Status.DRAFT),
    Goal.Status.ABANDONED: (Goal.Status.ACTIVE, Goal.Status.DRAFT),
}
MOVE_LABELS = {
    Goal.Status.ACTIVE: _("Active: working on it"),
    Goal.Status.ACHIEVED: _("Achieved"),
    Goal.Status.ABANDONED: _("Let it go"),
    Goal.Status.DRAFT: _("Back to draft"),
}


def _plain(number):
    """3 rather than 3.00 in the box; the value is the same."""
    return None if number is None else f"{number.normalize():f}"


class AdjustForm(KeepsLongText, forms.Form):
    """What the owner may change during a review. Prefixed per goal: many sit on one page."""

    target = MetricValueField(
        label=_("Target"),
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    target_date = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Enter a date, like 2027-06-30.")},
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    note = forms.CharField(
        label=_("What you agreed, and why"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved in the goal’s history with the date of this review."),
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        kwargs.setdefault("prefix", f"goal-{goal.pk}")
        kwargs.setdefault(
            "initial",
            {"target": _plain(goal.target), "target_date": goal.target_date, "status": ""},
        )
        super().__init__(*args, **kwargs)
        self.goal = goal
        if goal.has_metric:
            unit = goal.metric_unit or goal.metric_name
            self.fields["target"].label = (
                gettext("Target (%(unit)s)") % {"unit": unit} if unit else gettext("Target")
            )
        else:
            del self.fields["target"]
        current = Goal.Status(goal.status)
        self.fields["status"].choices = [
            ("", gettext("Keep it %(status)s") % {"status": status_in_sentence(current)}),
            *((move.value, MOVE_LABELS[move]) for move in STATUS_MOVES[current]),
        ]
        self.today = user_today(goal.owner)
        date_window(self.fields["target_date"], self.today)

    def clean_target_date(self):
        """The goal form's rule for a deadline (goals.bounds), which goal_update applies too."""
        day = self.cleaned_data["target_date"]
        message = bounds.goal_deadline_error(
            self.goal, day, today=self.today, previous=self.goal.target_date, from_today=True
        )
        if message:
            raise forms.ValidationError(message)
        return day


class ReviewNotesForm(KeepsLongText, forms.Form):
    notes = forms.CharField(
        label=_("Notes from the meeting"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you talked about and agreed. Both of you can read them later."),
    )
