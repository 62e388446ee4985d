from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule
from goals.extensions import others_goals_visible_to


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every goal this person may look at. The one access check for reading goals.

        Their own goals, plus the goals of others that an app above registered as visible
        (accountability: goals of active buddies shared with all buddies, or with this person
        by name; ending a partnership removes access at once). See `goals.extensions`.
        """
        if not user.is_authenticated:
            return self.none()
        others = others_goals_visible_to(user)
        if others is None:
            return self.filter(owner=user)
        # The ids of two halves, each read through an index, put together: an OR of the two
        # over the shares' join made Postgres read every goal (8.6 ms at 13,000 goals, 0.5 ms
        # this way), and a union needs no DISTINCT.
        goals = self.model._base_manager
        mine = goals.filter(owner=user).order_by().values("pk")
        theirs = goals.filter(others).order_by().values("pk")
        return self.filter(pk__in=mine.union(theirs))

    def editable_by(self, user):
        """Only the owner changes a goal."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


def status_in_sentence(status: str) -> str:
    """A status within a sentence ("A goal that is draft can’t become active"), in the active
    language: German keeps its nouns' capitals, so the label is not simply lower-cased."""
    words = {
        "draft": pgettext("goal status within a sentence", "draft"),
        "active": pgettext("goal status within a sentence", "active"),
        "achieved": pgettext("goal status within a sentence", "achieved"),
        "abandoned": pgettext("goal status within a sentence", "abandoned"),
    }
    return words.get(status, status)


class Goal(models.Model):
    class Category(models.TextChoices):
        EARNINGS = "earnings", _("Increase earnings")
        KNOWLEDGE = "knowledge", _("Knowledge and training")
        DIFFERENCE = "difference", _("Make a difference in my field")
        RESPONSIBILITY = "responsibility", _("Power and responsibility")
        EXPERIENCES = "experiences", _("New experiences and relationships")
        OTHER = "other", _("Other")

    class Horizon(models.IntegerChoices):
        ONE_YEAR = 1, _("1 year")
        FIVE_YEARS = 5, _("5 years")
        TEN_YEARS = 10, _("10 years")

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Only me")
        BUDDIES = "buddies", _("All my buddies")
        CHOSEN = "chosen", _("Buddies I choose")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        ACHIEVED = "achieved", _("Achieved")
        ABANDONED = "abandoned", _("Abandoned")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    statement = models.CharField(max_length=300)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    horizon = models.PositiveSmallIntegerField(choices=Horizon.choices, default=Horizon.ONE_YEAR)
    target_date = models.DateField(null=True, blank=True)

    metric_name = models.CharField(max_length=120, blank=True)
    metric_unit = models.CharField(max_length=40, blank=True)
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    current_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    attainability_notes = models.TextField(max_length=2000, blank=True)
    relevance = models.TextField(max_length=2000, blank=True)
    vision_answer = models.ForeignKey(
        "goals.VisionAnswer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspired_goals",
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    buddy_reminders = models.BooleanField(
        _("remind my buddies before its deadlines"),
        default=False,
        help_text=_("Buddies who can see this goal get a heads-up a week before each deadline."),
    )
    abandoned_reason = models.TextField(max_length=2000, blank=True)
    achieved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    # What a person writes when they set or edit a goal (the form, the services, the export).
    PLAN_FIELDS = (
        "statement",
        "category",
        "horizon",
        "target_date",
        "metric_name",
        "metric_unit",
        "baseline",
        "target",
        "confidence",
        "attainability_notes",
        "relevance",
        "vision_answer",
    )

    class Meta:
        ordering = ["target_date", "id"]
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["owner", "target_date"]),
        ]
        # What the services and goals.bounds promise, held by the database as well.
        constraints = [
            Rule(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=1, confidence__lte=5),
                name="goal_confidence_1_to_5",
                violation_error_message=_("Confidence is a number from 1 to 5."),
            ),
            Rule(
                condition=Q(horizon__in=[1, 5, 10]),
                name="goal_horizon_known",
                violation_error_message=_("A goal looks 1, 5 or 10 years ahead."),
            ),
            Rule(
                condition=Q(status__in=["draft", "active", "achieved", "abandoned"]),
                name="goal_status_known",
                violation_error_message=_("A goal is a draft, active, achieved or abandoned."),
            ),
            Rule(
                condition=Q(visibility__in=["private", "buddies", "chosen"]),
                name="goal_visibility_known",
                violation_error_message=_("Choose who can see the goal."),
            ),
            Rule(
                condition=Q(status="achieved", achieved_at__isnull=False)
                | (~Q(status="achieved") & Q(achieved_at__isnull=True)),
                name="goal_achieved_when_dated",
                violation_error_message=_(
                    "An achieved goal has the moment it was achieved, "
                    "and only an achieved goal has one."
                ),
            ),
            *(
                Rule(
                    condition=Q(**{f"{name}__gte": 0}),  # NULL (no measure yet) passes
                    name=f"goal_{name}_not_negative",
                    violation_error_message=_(
                        "Use zero or more. To track a decrease, set a "
                        "target below the starting value."
                    ),
                )
                for name in ("baseline", "target", "current_value")
            ),
        ]

    def __str__(self) -> str:
        return self.statement

    def get_absolute_url(self) -> str:
        return reverse("goals:goal_detail", args=[self.pk])

    @property
    def has_metric(self) -> bool:
        return self.target is not None and self.baseline is not None

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.ACTIVE)


class GoalChange(models.Model):
    """A dated record of a change to a goal's statement, target, deadline or status."""

    class Field(models.TextChoices):
        CREATED = "created", _("Goal created")
        STATEMENT = "statement", _("Statement")
        TARGET = "target", _("Target")
        TARGET_DATE = "target_date", _("Deadline")
        STATUS = "status", _("Status")
        STEP = "step", _("Step added")  # recorded for a step a buddy suggested

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.old_value} → {self.new_value}"

    def _shown(self, value: str) -> str:
        """A status is kept as its English label: said in the reader's language."""
        if self.field == self.Field.STATUS and value:
            return gettext(value)
        return value

    @property
    def old_shown(self) -> str:
        return self._shown(self.old_value)

    @property
    def new_shown(self) -> str:
        return self._shown(self.new_value)
