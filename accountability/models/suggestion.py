from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from careergoals.constraints import Rule

from .partnership import FORMER_BUDDY, FORMER_BUDDY_IN_SENTENCE


class Suggestion(models.Model):
    """A buddy's idea for someone else's goal: a step to add, or a new deadline or target.

    Nothing changes on the goal until its owner accepts (as written, or after editing it);
    the owner may decline with a note. Accepting goes through the goals services, so the step
    or the change gets its reminders and its line in the goal's history.
    """

    class Kind(models.TextChoices):
        STEP = "step", _("A step")
        CHANGE = "change", _("A change to the goal")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    goal = models.ForeignKey("goals.Goal", on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(  # empty once the author deleted their account
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STEP)
    # A step: what the owner's step would say.
    title = models.CharField(_("step"), max_length=200, blank=True)
    deadline = models.DateField(_("suggested date"), null=True, blank=True)
    resources = models.TextField(_("resources"), max_length=2000, blank=True)
    helpers = models.CharField(_("who can help"), max_length=300, blank=True)
    # A change: the goal's new deadline and/or target.
    target_date = models.DateField(_("new deadline"), null=True, blank=True)
    target = models.DecimalField(
        _("new target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Both: why the buddy suggests it.
    why = models.TextField(_("why"), max_length=2000, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    owner_note = models.TextField(_("note to the buddy"), max_length=2000, blank=True)
    micro_goal = models.ForeignKey(  # the step an accepted suggestion became
        "goals.MicroGoal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["goal", "status"], name="suggestion_goal_status")]
        constraints = [
            Rule(
                condition=Q(kind__in=["step", "change"]),
                name="suggestion_kind_known",
                violation_error_message=_("A suggestion is a step or a change to the goal."),
            ),
            Rule(
                condition=Q(status__in=["pending", "accepted", "declined"]),
                name="suggestion_status_known",
                violation_error_message=_("A suggestion is waiting, accepted or declined."),
            ),
            Rule(
                condition=~Q(kind="step") | ~Q(title=""),
                name="suggestion_step_has_title",
                violation_error_message=_("A suggested step says what to do."),
            ),
            Rule(
                condition=~Q(kind="change")
                | Q(target_date__isnull=False)
                | Q(target__isnull=False),
                name="suggestion_change_says_what",
                violation_error_message=_("A suggested change gives a new deadline or target."),
            ),
            Rule(
                condition=Q(status="pending", answered_at__isnull=True)
                | (~Q(status="pending") & Q(answered_at__isnull=False)),
                name="suggestion_answered_when_dated",
                violation_error_message=_(
                    "An answered suggestion has the moment it was "
                    "answered, and only an answered one has one."
                ),
            ),
            Rule(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="suggestion_target_not_negative",
                violation_error_message=_("Use zero or more."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.summary}"

    @property
    def author_name(self) -> str:
        return FORMER_BUDDY if self.author_id is None else self.author.name

    @property
    def credited(self) -> str:
        """The author's name within a sentence: "Suggested by Bob", "… by a former buddy"."""
        return FORMER_BUDDY_IN_SENTENCE if self.author_id is None else self.author.name

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_step(self) -> bool:
        return self.kind == self.Kind.STEP

    @property
    def target_shown(self) -> str:
        return "" if self.target is None else f"{self.target.normalize():f}"

    @property
    def summary(self) -> str:
        """In a few words: the step's title, or the new deadline and target."""
        if self.is_step:
            return self.title
        words = {"target": self.target_shown}
        if self.target_date:
            words["day"] = formats.date_format(self.target_date, pgettext("date format", "j F Y"))
            if self.target is not None:
                return gettext("A new deadline %(day)s and target %(target)s") % words
            return gettext("A new deadline %(day)s") % words
        if self.target is not None:
            return gettext("A new target %(target)s") % words
        return gettext("A change to the goal")
