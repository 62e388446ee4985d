"""Check-ins with a buddy: the pair's rhythm, and what each person writes on the agreed day.

People read "check-in with Bob"; the code says ``BuddyCheckIn``, because ``goals.CheckIn``
is a measured value of a goal's metric, a different thing.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import dates
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule

from .partnership import FORMER_BUDDY

# Fortnights are counted from this Monday, so both people (and every server) agree which
# weeks are check-in weeks without storing anything.
FORTNIGHT_EPOCH = datetime.date(2024, 1, 1)
WEEKDAYS = list(dates.WEEKDAYS.items())  # Monday is 0, in the reader's language
PERIOD_WORDS = {"weekly": "week", "fortnightly": "fortnight", "monthly": "month"}


def is_agreed_day(*, cadence: str, weekday: int, day: datetime.date) -> bool:
    """Every week on that day; every other week (counted from FORTNIGHT_EPOCH); or the
    first such day of each month."""
    if day.weekday() != weekday:
        return False
    if cadence == "fortnightly":
        return ((day - FORTNIGHT_EPOCH).days // 7) % 2 == 0
    if cadence == "monthly":
        return day.day <= 7
    return True


def agreed_day_on_or_before(*, cadence: str, weekday: int, day: datetime.date) -> datetime.date:
    for back in range(35):  # a month holds every weekday within its first 7 days
        candidate = day - datetime.timedelta(days=back)
        if is_agreed_day(cadence=cadence, weekday=weekday, day=candidate):
            return candidate
    raise AssertionError("unreachable")


def agreed_day_on_or_after(*, cadence: str, weekday: int, day: datetime.date) -> datetime.date:
    for ahead in range(42):
        candidate = day + datetime.timedelta(days=ahead)
        if is_agreed_day(cadence=cadence, weekday=weekday, day=candidate):
            return candidate
    raise AssertionError("unreachable")


class BuddyCheckIn(models.Model):
    """One person's check-in with their buddy for one agreed day, and the buddy's answer."""

    class Reaction(models.TextChoices):
        CHEER = "cheer", _("Well done")
        STRONG = "strong", _("Keep going")
        HUG = "hug", _("Hang in there")
        IDEA = "idea", _("Let’s talk")

    partnership = models.ForeignKey(
        "accountability.Partnership", on_delete=models.CASCADE, related_name="check_ins"
    )
    # Goes with its author's account, as their goals do.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField(help_text=_("The agreed day this check-in answers"))
    written_at = models.DateTimeField()
    reaction = models.CharField(max_length=10, choices=Reaction.choices, blank=True)
    reply = models.TextField(max_length=2000, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Empty once the buddy deleted their account: shown as "a former buddy".
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-due_on", "-id"]
        indexes = [models.Index(fields=["partnership", "-due_on"], name="check_in_pair_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "author", "due_on"], name="one_check_in_per_agreed_day"
            ),
            Rule(
                condition=Q(reaction__in=["", "cheer", "strong", "hug", "idea"]),
                name="check_in_reaction_known",
                violation_error_message=_("Choose one of the reactions offered."),
            ),
            Rule(
                condition=Q(reaction="", acknowledged_at__isnull=True)
                | (~Q(reaction="") & Q(acknowledged_at__isnull=False)),
                name="check_in_acknowledged_with_a_reaction",
                violation_error_message=_("An acknowledgement comes with a reaction."),
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in by {self.author} for {self.due_on}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def acknowledged_by_name(self) -> str:
        return FORMER_BUDDY if self.acknowledged_by_id is None else self.acknowledged_by.name


class BuddyCheckInEntry(models.Model):
    """What one check-in says about one goal shared with that buddy."""

    check_in = models.ForeignKey(BuddyCheckIn, on_delete=models.CASCADE, related_name="entries")
    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="+")
    moved = models.TextField(_("what moved"), max_length=2000, blank=True)
    next_up = models.TextField(_("what’s next"), max_length=2000, blank=True)
    in_the_way = models.TextField(_("what’s in the way"), max_length=2000, blank=True)
    confidence = models.PositiveSmallIntegerField(_("how confident"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "goal"], name="one_entry_per_goal"),
            Rule(
                condition=Q(confidence__gte=1, confidence__lte=5),
                name="check_in_confidence_one_to_five",
                violation_error_message=_("Pick a confidence from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_in} on goal {self.goal_id}"

    @property
    def is_empty(self) -> bool:
        return not (self.moved or self.next_up or self.in_the_way or self.confidence)
