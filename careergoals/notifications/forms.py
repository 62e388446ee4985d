from django import forms

from .kinds import preference_choices

LEAD_CHOICES = [(30, "30 days"), (14, "14 days"), (7, "7 days"), (3, "3 days"), (1, "1 day")]
HOUR_CHOICES = [(h, f"{h:02d}:00") for h in range(24)]


class NotificationSettingsForm(forms.Form):
    emails = forms.MultipleChoiceField(
        label="Email me about",
        choices=preference_choices,  # each app declares its own, once ready
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everything also appears under the bell, whatever you choose here.",
    )
    lead_days = forms.TypedMultipleChoiceField(
        label="Remind me before a deadline",
        choices=LEAD_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": (
                "Pick at least one. To stop these emails, untick "
                "“Reminders before my deadlines” above."
            )
        },
    )
    morning_hour = forms.TypedChoiceField(
        label="At what time of day",
        choices=HOUR_CHOICES,
        coerce=int,
        help_text="In your own time zone.",
    )
    weekly_digest = forms.BooleanField(
        label="Bundle deadline reminders into one email every Monday",
        required=False,
    )
