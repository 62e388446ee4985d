"""Forms of "Start from an example" and "Share as an example": they only validate."""

import datetime

from django import forms
from django.utils import dateformat
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText

from .models import GoalExample
from .models.example import PLACEHOLDER
from .services_examples import step_deadline


def initial_from_example(example: GoalExample, today: datetime.date) -> dict:
    """What the goal form opens with: the example's words, a deadline its suggested time
    from today, and "[your number]" wherever a number must be the person's own."""
    notes = []
    if example.helpers:
        notes.append(gettext("Who can help: %(helpers)s") % {"helpers": example.helpers})
    if example.resources:
        notes.append(gettext("What I’ll need: %(resources)s") % {"resources": example.resources})
    return {
        "statement": example.statement,
        "category": example.category,
        "horizon": example.horizon,
        "target_date": today + datetime.timedelta(weeks=example.weeks),
        "metric_name": example.metric_name,
        "metric_unit": example.metric_unit,
        "baseline": example.baseline if example.baseline is not None else PLACEHOLDER,
        "target": example.target if example.target is not None else PLACEHOLDER,
        "attainability_notes": "\n".join(notes)[:2000],
    }


class ExampleStepsForm(forms.Form):
    """Which of the example's steps to add, each shown with the date it will get."""

    steps = forms.TypedMultipleChoiceField(
        label=_("Steps to add"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={
            "invalid_choice": _("That step is no longer part of the example. Reload the page.")
        },
    )

    def __init__(self, *args, example: GoalExample, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        steps = list(example.steps.all())
        self.dated = [(step, step_deadline(step.offset_days, today)) for step in steps]
        day_format = pgettext("date format", "D j M Y")
        self.fields["steps"].choices = [
            (
                step.pk,
                f"{step.title} — {step.when}, "
                f"{dateformat.format(step_deadline(step.offset_days, today), day_format)}",
            )
            for step in steps
        ]
        self.fields["steps"].initial = [step.pk for step in steps]

    def rows(self) -> list[tuple]:
        """Each step's checkbox with the step and the day it will be due."""
        return [
            (box, step, due) for box, (step, due) in zip(self["steps"], self.dated, strict=True)
        ]

    def chosen(self) -> list[int]:
        return self.cleaned_data["steps"]


class ShareExampleForm(KeepsLongText, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("A short name your buddies will see in the list, e.g. “Ask for a raise”."),
    )
    statement = forms.CharField(
        label=_("The goal, in words others can make their own"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Leave out what is private. Put a number others must choose in square "
            "brackets, like “[your number]”."
        ),
    )
    note = forms.CharField(
        label=_("What worked for you? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A tip or two for whoever starts from it."),
    )
