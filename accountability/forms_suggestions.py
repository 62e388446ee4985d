"""Forms for a buddy's suggestions and the owner's answer. They only validate: the services
in accountability.services.suggestions write, and check the same bounds again."""

import datetime

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText, keep_long_text, too_long_message
from careergoals.fragments import KeyedForm
from goals import bounds
from goals.forms import DATE_WIDGET, MicroGoalForm, add_bounds_errors, date_window
from goals.forms_progress import MetricValueField
from goals.models import Goal

from .models import Suggestion

# Built when the message is shown, in that request's language (fields are made at import).
_too_long = lazy(too_long_message, str)

WHY_LIMIT = Suggestion._meta.get_field("why").max_length
NOTE_LIMIT = Suggestion._meta.get_field("owner_note").max_length
NOTHING_NEW = _("Give a new deadline, a new target, or both.")


def _text(label: str, limit: int, *, required: bool = False, rows: int = 2, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Write a few words first."),
            "max_length": _too_long(limit),
        },
        **kwargs,
    )


def _note_field() -> forms.CharField:
    # No names in labels or help: they are drawn unescaped, and a name is someone's text.
    return _text(
        _("A note for your buddy (optional)"),
        NOTE_LIMIT,
        help_text=_("They see it beside their idea."),
    )


class SuggestStepForm(KeyedForm, KeepsLongText, forms.Form):
    """A buddy's step: what the owner's own "Add a step" form asks, and why."""

    title = forms.CharField(
        label=_("The step"),
        max_length=Suggestion._meta.get_field("title").max_length,
        error_messages={"required": _("Say what the step is, in a few words.")},
        help_text=_("One small thing to do, such as “Book a 1:1 with your manager”."),
    )
    why = _text(_("Why it would help (optional)"), WHY_LIMIT)
    deadline = forms.DateField(
        label=_("Suggested date (optional)"), required=False, widget=DATE_WIDGET
    )
    resources = _text(_("Resources (optional)"), Suggestion._meta.get_field("resources").max_length)
    helpers = forms.CharField(
        label=_("Who can help? (optional)"),
        required=False,
        max_length=Suggestion._meta.get_field("helpers").max_length,
    )

    def __init__(self, *args, goal: Goal, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        date_window(self.fields["deadline"], today)

    def clean(self):
        cleaned = super().clean()
        add_bounds_errors(
            self, {"deadline": bounds.date_error(cleaned.get("deadline"), today=self.today)}
        )
        return cleaned


class _GoalChangeFields(forms.Form):
    """A new deadline and/or target for ``goal``, with the goal form's bounds."""

    target_date = forms.DateField(label=_("A new deadline"), required=False, widget=DATE_WIDGET)
    target = MetricValueField(
        label=_("A new target"),
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args, goal: Goal, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal, self.today = goal, today
        date_window(self.fields["target_date"], today)
        # The goal's current deadline and target are shown beside the form by the template
        # (escaped there): a unit is someone's text, never part of a label or help text.
        if not goal.has_metric:
            del self.fields["target"]  # nothing to change yet: the goal has no measure

    def clean(self):
        cleaned = super().clean()
        day, target = cleaned.get("target_date"), cleaned.get("target")
        if day is not None:
            add_bounds_errors(
                self,
                {
                    "target_date": bounds.goal_deadline_error(
                        self.goal, day, today=self.today, from_today=True
                    )
                },
            )
        if not self.errors and day is None and target is None:
            raise forms.ValidationError(NOTHING_NEW)
        return cleaned


class SuggestChangeForm(KeyedForm, KeepsLongText, _GoalChangeFields):
    why = _text(_("Why?"), WHY_LIMIT, required=True, help_text=_("Say what you noticed."))


class AcceptChangeForm(KeepsLongText, _GoalChangeFields):
    """The owner's version of a suggested change, before accepting it."""

    def __init__(self, *args, suggestion: Suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"] = _note_field()
        keep_long_text(self)


class AcceptStepForm(MicroGoalForm):
    """The owner's own "Add a step" form, filled with the suggestion, and a note for the buddy."""

    def __init__(self, *args, suggestion: Suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"] = _note_field()
        keep_long_text(self)


class DeclineForm(KeyedForm, KeepsLongText, forms.Form):
    note = _text(_("A note (optional)"), NOTE_LIMIT, help_text=_("Say why, or thank them anyway."))


def accept_form(suggestion: Suggestion, *, data=None, today: datetime.date):
    """The form the owner edits a suggestion in, before accepting it, filled with it."""
    goal = suggestion.goal
    if suggestion.is_step:
        initial = {
            "title": suggestion.title,
            "action_plan": suggestion.why,
            "deadline": suggestion.deadline,
            "resources": suggestion.resources,
            "helpers": suggestion.helpers,
        }
        return AcceptStepForm(data, initial=initial, today=today, suggestion=suggestion)
    initial = {"target_date": suggestion.target_date, "target": suggestion.target}
    return AcceptChangeForm(data, initial=initial, goal=goal, today=today, suggestion=suggestion)
