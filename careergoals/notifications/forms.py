from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .kinds import preference_choices


def _days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


_days_lazy = lazy(_days, str)  # read in the language of the page that shows it
LEAD_CHOICES = [(days, _days_lazy(days)) for days in (30, 14, 7, 3, 1)]
HOUR_CHOICES = [(h, f"{h:02d}:00") for h in range(24)]


class NotificationSettingsForm(forms.Form):
    emails = forms.MultipleChoiceField(
        label=_("Email me about"),
        choices=preference_choices,  # each app declares its own, once ready
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everything also appears under the bell, whatever you choose here."),
    )
    lead_days = forms.TypedMultipleChoiceField(
        label=_("Remind me before a deadline"),
        choices=LEAD_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _(
                "Pick at least one. To stop these emails, untick "
                "“Reminders before my deadlines” above."
            )
        },
    )
    morning_hour = forms.TypedChoiceField(
        label=_("At what time of day"),
        choices=HOUR_CHOICES,
        coerce=int,
        help_text=_("In your own time zone."),
    )
    weekly_digest = forms.BooleanField(
        label=_("Bundle deadline reminders into one email every Monday"),
        required=False,
    )
