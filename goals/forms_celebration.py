from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText, too_long_message

from .models import Celebration, MicroGoal

# Built when the message is shown, in that request's language (fields are made at import).
_too_long = lazy(too_long_message, str)


def _limit(name: str) -> int:
    return Celebration._meta.get_field(name).max_length


def _text_field(name: str, label: str, help_text: str) -> forms.CharField:
    limit = _limit(name)
    # No maxlength in the page: the forms' KeepsLongText drops it; the server says so.
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _too_long(limit)},
    )


class RewardForm(KeepsLongText, forms.Form):
    reward = forms.CharField(
        label=_("Or choose your own reward"),
        max_length=_limit("reward"),
        error_messages={
            "required": _("Pick one of the ideas above or write your own reward."),
            "max_length": _too_long(_limit("reward")),
        },
        widget=forms.TextInput(attrs={"placeholder": _("e.g. A weekend by the sea")}),
    )


class ReflectionForm(KeepsLongText, forms.Form):
    hard = _text_field(
        "hard",
        _("What was hard?"),
        _("The obstacles, setbacks or doubts you had to get past."),
    )
    easy = _text_field(
        "easy",
        _("What turned out easier than you expected?"),
        _("Strengths and habits worth bringing to your next goal."),
    )
    helped = _text_field(
        "helped",
        _("Who helped you along the way?"),
        _("People, communities or resources. Perhaps worth a thank-you."),
    )
    differently = _text_field(
        "differently",
        _("What would you do differently next time?"),
        _("Your advice to yourself for the next goal."),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in self.fields):
            raise forms.ValidationError(
                _(
                    "Write a line or two in at least one of the boxes. "
                    "Any one of the questions is enough to start."
                ),
                code="empty",
            )
        return cleaned


CLOSE_CHOICES = [
    (MicroGoal.Status.DONE.value, _("Done")),
    (MicroGoal.Status.SKIPPED.value, _("No longer needed")),
]
CHOOSE_ONE = _("Choose “Done” or “No longer needed” for each step.")


class CloseMicroGoalsForm(forms.Form):
    """How each step a reached goal left open ends: done, or no longer needed.

    One choice per step (``step-<id>``, empty leaves it open), or ``all`` for every step at
    once (the "All done" and "None needed any more" buttons).
    """

    all = forms.ChoiceField(
        choices=[("", _("Each as chosen")), *CLOSE_CHOICES],
        required=False,
        error_messages={"invalid_choice": CHOOSE_ONE},
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = list(steps)
        for step in self.steps:
            self.fields[f"step-{step.pk}"] = forms.ChoiceField(
                label=step.title,
                choices=CLOSE_CHOICES,
                required=False,
                initial=MicroGoal.Status.DONE.value,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"invalid_choice": CHOOSE_ONE},
            )

    def outcomes(self) -> dict[int, str]:
        """Step id → "done" or "skipped", for the steps that are to be closed."""
        every = self.cleaned_data["all"]
        chosen = {step.pk: every or self.cleaned_data[f"step-{step.pk}"] for step in self.steps}
        return {pk: status for pk, status in chosen.items() if status}

    def rows(self):
        """Each open step with its bound choice, for the template."""
        return [(step, self[f"step-{step.pk}"]) for step in self.steps]
