"""Small helpers shared by every app's forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def too_long_message(limit: int) -> str:
    """What a form says when a text is over its limit (MaxLengthValidator fills the count:
    its placeholder is put back for it)."""
    return _(
        "That is longer than we can keep: up to %(limit)s characters, please "
        "(this has %(show_value)s). Your text is still here to shorten."
    ) % {"limit": number_format(limit, force_grouping=True), "show_value": "%(show_value)s"}


def keep_long_text(form) -> None:
    """Every text field of the form with a limit refuses in words and keeps the text.

    No ``maxlength`` attribute: a browser would cut a long paste without a word. The
    limit goes in ``data-limit`` instead (static/js/site.js counts down from it), and the
    server refuses an over-long text with the message above, the text still in the box.
    """
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or not isinstance(field.widget, (forms.TextInput, forms.Textarea)):
            continue
        field.error_messages["max_length"] = too_long_message(limit)
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-limit"] = str(limit)


class KeepsLongText:
    """Form mixin: call keep_long_text once the fields are built (put it first in the bases)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_long_text(self)
