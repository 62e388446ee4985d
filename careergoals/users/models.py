from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule

from .timezones import validate_timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Theme(models.TextChoices):
    """How the site looks to a person: fixed, or whatever their device prefers."""

    LIGHT = "light", _("Light")
    DARK = "dark", _("Dark")
    SYSTEM = "system", _("Same as my device")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How buddies and emails address you. Leave empty to use your email address."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("Reminders arrive in the morning of this time zone."),
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(default=dj_timezone.now)
    welcomed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When they answered or skipped the first vision questions."),
    )
    theme = models.CharField(
        _("appearance"),
        max_length=6,
        choices=Theme.choices,
        default=Theme.SYSTEM,
        help_text=_("Light, dark, or the same as the device they use."),
    )

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The site's and the emails' language. Empty: the browser's language "
            "on the site, English in emails."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
            Rule(
                condition=models.Q(theme__in=["light", "dark", "system"]),
                name="users_theme_known",
                violation_error_message=_("Choose light, dark or the same as your device."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@", 1)[0]

    @property
    def email_language(self) -> str:
        """The language of what is written to them away from a request: their choice."""
        return self.language or settings.LANGUAGE_CODE

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name


class TokenScope(models.TextChoices):
    """What a personal access token may do: read only, or read and write."""

    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class AccessToken(models.Model):
    """A personal access token for the API (``Authorization: Bearer <key>``).

    The key is shown once, when it is made; only its SHA-256 is kept (the key is 32 random
    bytes, so a plain hash is enough: there is nothing to guess), with its first characters
    to tell tokens apart in the list."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=PREFIX_LENGTH)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ
    )
    created_at = models.DateTimeField(default=dj_timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            Rule(
                condition=models.Q(scope__in=["read", "write"]),
                name="users_accesstoken_scope_known",
                violation_error_message=_("Choose read only, or read and write."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or dj_timezone.now())
