from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText

from .models import Theme, TokenScope
from .services import user_update_profile
from .timezones import timezone_choices


class _ProfileFields(KeepsLongText, forms.Form):
    display_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=80,
        required=False,
        help_text=_("How your buddies and our emails address you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        help_text=_("Reminders arrive in the morning of this time zone."),
        widget=forms.Select(attrs={"data-browser-timezone": "true"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of these pages and of the emails we send you."),
        widget=forms.Select(attrs={"autocomplete": "language"}),
        required=False,  # a form from a page older than this field: the language stays
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # New here: the browser's language (LocaleMiddleware's choice) is preselected.
        self.fields["language"].initial = translation.get_language()

    def clean_language(self) -> str | None:
        return self.cleaned_data["language"] or None  # None: leave it as it is


class SignupDetailsForm(_ProfileFields):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    def signup(self, request, user):
        user_update_profile(
            user=user,
            display_name=self.cleaned_data["display_name"],
            timezone=self.cleaned_data["timezone"],
            language=self.cleaned_data["language"],
        )


class ProfileForm(_ProfileFields):
    pass


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my goals, history and buddy connections are deleted for good."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."), code="wrong_password")
        return password


class ThemeForm(forms.Form):
    """Light, dark or the device's choice: from the profile page and the nav's account menu."""

    theme = forms.ChoiceField(
        label=_("Appearance"),
        choices=Theme.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Choose light, dark or the same as your device."),
            "invalid_choice": _("Choose light, dark or the same as your device."),
        },
    )


class AccessTokenForm(forms.Form):
    """A new personal access token for the API: what it is for, what it may do, how long."""

    EXPIRY_CHOICES = [
        ("30", _("In 30 days")),
        ("90", _("In 90 days")),
        ("365", _("In a year")),
        ("", _("Never")),
    ]

    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What it is for, so you know which one to revoke, e.g. “My script”."),
    )
    scope = forms.ChoiceField(
        label=_("It may"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
    )
    expires_in = forms.ChoiceField(
        label=_("It stops working"),
        choices=EXPIRY_CHOICES,
        initial="90",
        required=False,
    )

    def clean_expires_in(self):
        days = self.cleaned_data["expires_in"]
        return int(days) if days else None
