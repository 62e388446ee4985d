"""The check-in form: a measured value, the day it was measured and an optional note."""

import datetime

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText
from careergoals.fragments import KeyedForm

from . import bounds


class MetricValueField(forms.DecimalField):
    """A measured value: goals.bounds decides its size and sign, in one plain sentence."""

    default_error_messages = {
        "invalid": _("Enter a number with a dot for decimals, like 12 or 1250.5."),
        "max_decimal_places": _("Use at most two decimals, like 12.25."),
    }

    def to_python(self, value):
        number = super().to_python(value)
        message = bounds.value_error(number)
        if message:
            raise forms.ValidationError(message, code="out_of_bounds")
        return number


class CheckInForm(KeyedForm, KeepsLongText, forms.Form):
    value = MetricValueField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        # A text box, not type=number: the browser keeps showing what was typed, even "abc",
        # so a rejected value is never silently wiped.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    recorded_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, like 2025-03-14.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, today: datetime.date, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["recorded_on"].initial = today
        self.fields["recorded_on"].widget.attrs.update(
            min=bounds.earliest(today).isoformat(), max=today.isoformat()
        )
        if unit:
            # Help text is printed as HTML by the form layout: the unit is the person's text.
            self.fields["value"].help_text = format_html(gettext("In {unit}."), unit=unit)

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        message = bounds.recorded_on_error(day, today=self.today)
        if message:
            raise forms.ValidationError(message)
        return day
