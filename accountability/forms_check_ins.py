"""Forms of check-ins with a buddy: they only validate; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText

from .models import BuddyCheckIn, BuddyCheckInEntry

CONFIDENCE_CHOICES = [
    ("1", _("1 · not at all")),
    ("2", "2"),
    ("3", _("3 · so-so")),
    ("4", "4"),
    ("5", _("5 · very")),
]


def _text(name: str, label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=BuddyCheckInEntry._meta.get_field(name).max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CheckInGoalForm(KeepsLongText, forms.Form):
    """What one check-in says about one goal; the page holds one per goal (a prefix each)."""

    moved = _text("moved", _("What moved"))
    next_up = _text("next_up", _("What’s next"))
    in_the_way = _text("in_the_way", _("What’s in the way"))
    confidence = forms.TypedChoiceField(
        label=_("How confident are you, from 1 to 5?"),
        required=False,
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pick a confidence from 1 to 5.")},
    )


class CheckInAnswerForm(KeepsLongText, forms.Form):
    reaction = forms.ChoiceField(
        label=_("Your reaction"),
        choices=BuddyCheckIn.Reaction.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pick a reaction, so they know you read it."),
            "invalid_choice": _("Pick one of the reactions offered."),
        },
    )
    reply = forms.CharField(
        label=_("A reply (optional)"),
        required=False,
        max_length=BuddyCheckIn._meta.get_field("reply").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
