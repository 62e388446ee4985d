from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from careergoals.constraints import Rule

from .check_in import WEEKDAYS


def cadence_in_sentence(cadence: str) -> str:
    """The rhythm within a sentence ("Check-ins: every two weeks."), in the active language:
    German keeps its nouns' capitals, so the label is not simply lower-cased."""
    words = {
        "weekly": pgettext("within a sentence", "every week"),
        "fortnightly": pgettext("within a sentence", "every two weeks"),
        "monthly": pgettext("within a sentence", "every month"),
    }
    return words.get(cadence, cadence)


class Agreement(models.Model):
    """The rules a pair sets together. Each edit is a new version both confirm again."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        FORTNIGHTLY = "fortnightly", _("Every two weeks")
        MONTHLY = "monthly", _("Every month")

    partnership = models.OneToOneField(
        "accountability.Partnership", on_delete=models.CASCADE, related_name="agreement"
    )
    version = models.PositiveIntegerField(default=1)
    working_toward = models.TextField(
        _("what each of us is working toward, and by when"), max_length=3000
    )
    support = models.TextField(_("how we will support each other"), max_length=3000)
    cadence = models.CharField(
        _("how often we check in"),
        max_length=12,
        choices=Cadence.choices,
        default=Cadence.FORTNIGHTLY,
    )
    check_in_day = models.PositiveSmallIntegerField(
        _("the day we check in"), choices=WEEKDAYS, default=0
    )
    # When both first confirmed a version: the rhythm's check-ins count from that day on.
    check_ins_since = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            Rule(
                condition=Q(cadence__in=["weekly", "fortnightly", "monthly"]),
                name="agreement_cadence_known",
                violation_error_message=_("Choose every week, every two weeks or every month."),
            ),
            Rule(
                condition=Q(check_in_day__gte=0, check_in_day__lte=6),
                name="agreement_check_in_day_of_the_week",
                violation_error_message=_("Choose a day from Monday to Sunday."),
            ),
            Rule(
                condition=Q(version__gte=1),
                name="agreement_version_from_one",
                violation_error_message=_("Versions start at 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} for {self.partnership}"

    @property
    def cadence_words(self) -> str:
        return cadence_in_sentence(self.cadence)


class AgreementConfirmation(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="confirmations")
    user = models.ForeignKey(  # empty once that person deleted their account
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    version = models.PositiveIntegerField()
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "user", "version"], name="one_confirmation_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} confirmed v{self.version}"
