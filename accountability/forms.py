"""Forms only validate; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText
from careergoals.fragments import KeyedForm

from .models import Agreement, Invitation


class InviteForm(KeyedForm, KeepsLongText, forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        max_length=254,
        error_messages={"invalid": _("Enter a valid email address, like name@example.org.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    message = forms.CharField(
        label=_("A personal note (optional)"),
        required=False,
        max_length=Invitation._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why you’d like them as your buddy. It goes in the email, word for word."),
    )


class AgreementForm(KeepsLongText, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["working_toward", "support", "cadence", "check_in_day"]
        labels = {
            "working_toward": _("What each of us is working toward, and by when"),
            "support": _("How we will support each other"),
            "cadence": _("How often we check in"),
            "check_in_day": _("On which day"),
        }
        help_texts = {
            "working_toward": _(
                "A line or two for each of you, with a date. "
                "E.g. “Ana: lead two client projects by June. Bob: pass the PMP exam by March.”"
            ),
            "support": _(
                "E.g. “Read each other’s updates, ask hard questions, "
                "celebrate the wins, no judgement when a week goes badly.”"
            ),
            "check_in_day": _(
                "On that day each of you is asked, at your own reminder hour, "
                "to write a short check-in for the other. Every two weeks counts from a fixed "
                "week; every month means the first such day of the month."
            ),
        }
        error_messages = {
            "check_in_day": {
                "required": _("Choose the day of the week you check in."),
                "invalid_choice": _("Choose a day from Monday to Sunday."),
            }
        }
        widgets = {
            "working_toward": forms.Textarea(attrs={"rows": 4}),
            "support": forms.Textarea(attrs={"rows": 4}),
            "cadence": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rules written before the day was asked keep their day when it isn't sent.
        self.fields["check_in_day"].required = False
