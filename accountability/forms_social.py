"""Forms for sharing a goal and for buddies' feedback, comments and congratulations.

They only validate; the services in accountability.services.feedback and .sharing write.
"""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText, too_long_message
from careergoals.fragments import KeyedForm
from goals.models import Goal

from .models import AttainabilityFeedback, Comment

# Built when the message is shown, in that request's language (fields are made at import).
_too_long = lazy(too_long_message, str)

COMMENT_LIMIT = Comment._meta.get_field("text").max_length
FEEDBACK_LIMIT = AttainabilityFeedback._meta.get_field("comment").max_length


def _text_field(*, label: str, limit: int, required: bool = True, **kwargs) -> forms.CharField:
    # No maxlength in the page: the forms' KeepsLongText drops it; the server says so.
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write a few words first."),
            "max_length": _too_long(limit),
        },
        **kwargs,
    )


class SharingForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can see this goal?"),
        choices=Goal.Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this goal.")},
    )
    chosen = forms.TypedMultipleChoiceField(
        label=_("Buddies who can see it"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used when you pick “Buddies I choose”."),
        error_messages={"invalid_choice": _("You can only share with your current buddies.")},
    )
    buddy_reminders = forms.BooleanField(
        label=_("Remind my buddies before its deadlines"),
        required=False,
        help_text=_("Buddies who can see this goal get a heads-up a week before each deadline."),
    )

    def __init__(self, *args, buddies, **kwargs):
        super().__init__(*args, **kwargs)
        self.buddies = {buddy.pk: buddy for buddy in buddies}
        self.fields["chosen"].choices = [(buddy.pk, buddy.name) for buddy in buddies]
        if buddies:
            everyone = ", ".join(buddy.name for buddy in buddies)
            self.fields["visibility"].choices = [
                (
                    value,
                    gettext("%(label)s (%(everyone)s)") % {"label": label, "everyone": everyone}
                    if value == Goal.Visibility.BUDDIES
                    else label,
                )
                for value, label in Goal.Visibility.choices
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == Goal.Visibility.CHOSEN and not cleaned.get("chosen"):
            self.add_error("chosen", _("Choose at least one buddy, or keep the goal private."))
        return cleaned

    def chosen_buddies(self) -> list:
        if self.cleaned_data["visibility"] != Goal.Visibility.CHOSEN:
            return []
        return [self.buddies[pk] for pk in self.cleaned_data["chosen"]]


class FeedbackForm(KeyedForm, KeepsLongText, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Is this goal attainable?"),
        choices=AttainabilityFeedback.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one answer: realistic, a stretch or unrealistic."),
            "invalid_choice": _("Choose one answer: realistic, a stretch or unrealistic."),
        },
    )
    comment = _text_field(
        label=_("Why? (optional)"),
        limit=FEEDBACK_LIMIT,
        required=False,
        help_text=_("What makes it realistic or hard, and what could help."),
    )


class CommentForm(KeyedForm, KeepsLongText, forms.Form):
    micro_goal = forms.TypedChoiceField(
        label=_("What is it about?"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("That step is not part of this goal.")},
    )
    text = _text_field(label=_("Your comment"), limit=COMMENT_LIMIT)

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = {step.pk: step for step in goal.micro_goals.all()}
        self.fields["micro_goal"].choices = [("", _("The goal as a whole"))] + [
            (pk, gettext("Step: %(title)s") % {"title": step.title})
            for pk, step in self.steps.items()
        ]

    @property
    def has_steps(self) -> bool:
        return bool(self.steps)

    def clean_micro_goal(self):
        pk = self.cleaned_data["micro_goal"]
        return None if pk is None else self.steps[pk]


class CongratulationForm(KeyedForm, KeepsLongText, forms.Form):
    text = _text_field(label=_("Your congratulations"), limit=COMMENT_LIMIT)
