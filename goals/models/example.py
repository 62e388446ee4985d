"""Worked examples a person can start a goal from ("Start from an example").

The code says **goal example** (`GoalExample`); a "template" would be confused with Django's.
An example comes from the library (data files in `goals/examples/`, loaded by
`manage.py load_goal_examples`, editable in the admin) or was saved by a person from one of
their own goals, for their buddies to start from ("this worked for me").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule
from goals.extensions import buddies_filter

from .goal import Goal

# What an example puts where a number must be the person's own. A goal can't be saved with
# it, and the SMART check names it until it is replaced.
PLACEHOLDER = "[your number]"


class GoalExampleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The library, the person's own examples and those of their current buddies.

        Who someone's buddies are comes from the app above (`goals.extensions`)."""
        if not user.is_authenticated:
            return self.none()
        seen = Q(source=GoalExample.Source.LIBRARY) | Q(owner=user)
        buddies = buddies_filter(user, "owner_id")
        if buddies is not None:
            seen |= Q(source=GoalExample.Source.PERSON) & buddies
        return self.filter(seen)

    def removable_by(self, user):
        """Only the person who saved an example removes it; the library is the admin's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(source=GoalExample.Source.PERSON, owner=user)


class GoalExample(models.Model):
    class Source(models.TextChoices):
        LIBRARY = "library", _("Library")
        PERSON = "person", _("Saved by a person")

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.LIBRARY)
    # The library's stable name for an example (the data files' "slug"); empty for a person's.
    slug = models.SlugField(max_length=80, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goal_examples",
        help_text=_("Who saved it, for a person's example. Empty for the library."),
    )
    category = models.CharField(max_length=20, choices=Goal.Category.choices)
    title = models.CharField(max_length=120)
    statement = models.CharField(_("SMART statement"), max_length=300)
    summary = models.TextField(
        _("who it suits"), max_length=1000, blank=True, help_text=_("One or two sentences.")
    )
    horizon = models.PositiveSmallIntegerField(
        _("suggested horizon"), choices=Goal.Horizon.choices, default=Goal.Horizon.ONE_YEAR
    )
    weeks = models.PositiveSmallIntegerField(
        _("suggested deadline, in weeks from the start"),
        default=26,
        help_text=_("The deadline offered when someone starts from it: today plus this."),
    )
    metric_name = models.CharField(_("what is measured"), max_length=120, blank=True)
    metric_unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("starting value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the person puts in their own ([your number])."),
    )
    target = models.DecimalField(
        _("target value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the person puts in their own ([your number])."),
    )
    resources = models.TextField(_("resources typically needed"), max_length=2000, blank=True)
    helpers = models.CharField(_("who typically helps"), max_length=300, blank=True)
    note = models.TextField(
        _("what worked"),
        max_length=2000,
        blank=True,
        help_text=_("A person's words to their buddies."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalExampleQuerySet.as_manager()

    class Meta:
        ordering = ["category", "title", "id"]
        indexes = [models.Index(fields=["owner"], name="goal_example_owner")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(source="library"),
                name="goal_example_library_slug_unique",
                violation_error_message=_("Another library example already has this name."),
            ),
            Rule(
                condition=(Q(source="library", owner__isnull=True) & ~Q(slug=""))
                | Q(source="person", owner__isnull=False, slug=""),
                name="goal_example_source_known",
                violation_error_message=_(
                    "A library example has a name and no owner; "
                    "a person's example has an owner and no name."
                ),
            ),
            Rule(
                condition=Q(horizon__in=[1, 5, 10]),
                name="goal_example_horizon_known",
                violation_error_message=_("An example looks 1, 5 or 10 years ahead."),
            ),
            Rule(
                condition=Q(weeks__gte=1, weeks__lte=520),
                name="goal_example_weeks_in_range",
                violation_error_message=_("Suggest a deadline from 1 to 520 weeks ahead."),
            ),
            *(
                Rule(
                    condition=Q(**{f"{name}__gte": 0}),
                    name=f"goal_example_{name}_not_negative",
                    violation_error_message=_("Use zero or more."),
                )
                for name in ("baseline", "target")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def suggested_time(self) -> str:
        """The suggested time to the deadline, in the unit a person would say it in."""
        if self.weeks < 13:
            return ngettext("%(count)s week", "%(count)s weeks", self.weeks) % {"count": self.weeks}
        months = round(self.weeks * 7 / 30.44)
        if months < 24:
            return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}
        years = round(months / 12)
        return ngettext("%(count)s year", "%(count)s years", years) % {"count": years}

    @property
    def is_library(self) -> bool:
        return self.source == self.Source.LIBRARY


class GoalExampleStep(models.Model):
    """A step of an example, due a number of days after the goal is started."""

    example = models.ForeignKey(GoalExample, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    offset_days = models.PositiveSmallIntegerField(
        _("due after (days)"), help_text=_("Days from the day the goal is started: week 2 is 14.")
    )
    title = models.CharField(max_length=200)
    action_plan = models.TextField(max_length=4000, blank=True)
    resources = models.TextField(_("resources needed"), max_length=2000, blank=True)
    helpers = models.CharField(_("who can help"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            Rule(
                condition=Q(offset_days__lte=3650),
                name="goal_example_step_within_ten_years",
                violation_error_message=_("A step is due within ten years of the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> str:
        """ "week 2", or "day 3" when the offset is not whole weeks."""
        if self.offset_days and self.offset_days % 7 == 0:
            return gettext("week %(number)s") % {"number": self.offset_days // 7}
        return gettext("day %(number)s") % {"number": self.offset_days}
