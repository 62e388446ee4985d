"""The check-in form: a measured value, the day it was measured and an optional note."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.html import format_html

# The column keeps 12 whole digits. Anything it can store is a value someone may track
# (salaries in some currencies run to billions); beyond that is a typo.
VALUE_LIMIT = Decimal("1000000000000")
EARLIEST_DATE = datetime.date(1900, 1, 1)


class MetricValueField(forms.DecimalField):
    """A decimal that answers an absurd size with one plain sentence, not digit counts."""

    default_error_messages = {
        "invalid": "Enter a number with a dot for decimals, like 12 or 1250.5.",
        "too_big": "That number is too large to track. Use a smaller unit, such as thousands.",
        "max_decimal_places": "Use at most two decimals, like 12.25.",
    }

    def to_python(self, value):
        number = super().to_python(value)
        if number is not None and number.is_finite() and abs(number) >= VALUE_LIMIT:
            raise forms.ValidationError(self.error_messages["too_big"], code="too_big")
        return number


class CheckInForm(forms.Form):
    value = MetricValueField(
        label="Value",
        max_digits=14,
        decimal_places=2,
        # A text box, not type=number: the browser keeps showing what was typed, even "abc",
        # so a rejected value is never silently wiped.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    recorded_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date, like 2025-03-14."},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, today: datetime.date, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].initial = today
        self.fields["recorded_on"].widget.attrs.update(
            min=EARLIEST_DATE.isoformat(), max=today.isoformat()
        )
        if unit:
            # Help text is printed as HTML by the form layout: the unit is the person's text.
            self.fields["value"].help_text = format_html("In {}.", unit)

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if day < EARLIEST_DATE:
            raise forms.ValidationError("That date is too long ago. Check the year.")
        return day
