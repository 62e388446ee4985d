"""Forms only validate; services write."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from careergoals.forms import KeepsLongText, keep_long_text
from careergoals.fragments import KeyedForm

from . import bounds
from .forms_progress import MetricValueField
from .models import Goal, MicroGoal, VisionAnswer, VisionPrompt
from .smart import SmartReport, placeholders, smart_check, smart_check_goal

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MEASURE_FIELDS = ("metric_name", "metric_unit", "baseline", "target")


def measure_placeholder(data) -> str:
    """The first "[…]" left in the measure as typed, or ""."""
    for name in MEASURE_FIELDS:
        found = placeholders(str(data.get(name) or ""))
        if found:
            return found[0]
    return ""


def _metric_value(label: str, help_text: str) -> MetricValueField:
    return MetricValueField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        # A text box, not type=number: the browser keeps showing what was typed.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def add_bounds_errors(form, errors: dict) -> None:
    """Put what goals.bounds refuses on the form's fields, unless a field already has an error."""
    for name, message in errors.items():
        if message and name in form.fields and name not in form.errors:
            form.add_error(name, message)


def date_window(field: forms.DateField, today: datetime.date) -> None:
    """The browser's date picker offers the days goals.bounds accepts."""
    field.widget.attrs.update(
        min=bounds.earliest(today).isoformat(), max=bounds.latest(today).isoformat()
    )


class VisionAnswerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, answer: VisionAnswer) -> str:
        text = answer.text if len(answer.text) <= 80 else answer.text[:77] + "…"
        return f"{answer.get_prompt_display()} — {text}"


class GoalForm(KeepsLongText, forms.ModelForm):
    statement = forms.CharField(
        label=_("Your goal"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One sentence: what you will do. E.g. “Lead two client projects end to end”."),
    )
    target_date = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The date you’ll have done it by."),
    )
    baseline = _metric_value(_("Starting value"), _("Where you are today."))
    target = _metric_value(_("Target value"), _("Where you want to be by the deadline."))
    confidence = forms.TypedChoiceField(
        label=_("How confident are you that you can reach it?"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Not rated yet")),
            (1, _("1 — I doubt it")),
            (2, _("2 — unlikely")),
            (3, _("3 — maybe")),
            (4, _("4 — likely")),
            (5, _("5 — certain")),
        ],
    )
    note = forms.CharField(
        label=_("What changed, and why? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved in the goal’s history, so your next review shows what changed."),
    )

    class Meta:
        model = Goal
        fields = list(Goal.PLAN_FIELDS)
        labels = {
            "category": _("Category"),
            "horizon": _("Horizon"),
            "metric_name": _("What will you measure? (optional)"),
            "metric_unit": _("Unit (optional)"),
            "attainability_notes": _("What makes it attainable, or hard? (optional)"),
            "relevance": _("Why does this matter for your career?"),
            "vision_answer": _("Inspired by your vision (optional)"),
        }
        help_texts = {
            "metric_name": _(
                "E.g. “client projects led”, “salary”, “talks given”. "
                "Leave empty to count progress by the steps you finish."
            ),
            "metric_unit": _("E.g. projects, EUR, talks."),
        }
        widgets = {
            "horizon": forms.RadioSelect,
            "attainability_notes": forms.Textarea(attrs={"rows": 2}),
            "relevance": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, owner, today: datetime.date, vision_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.today = today
        self.fields["vision_answer"] = VisionAnswerChoiceField(
            queryset=vision_answers if vision_answers is not None else VisionAnswer.objects.none(),
            required=False,
            label=_("Inspired by your vision (optional)"),
            empty_label=_("Not linked"),
        )
        self.fields["metric_name"].required = False
        self.fields["relevance"].required = False
        if not self.instance.pk:
            del self.fields["note"]
        self.stored_deadline = self.instance.target_date if self.instance.pk else None
        date_window(self.fields["target_date"], today)
        first = min(today, self.stored_deadline or today)  # an overdue deadline may stay
        self.fields["target_date"].widget.attrs["min"] = first.isoformat()

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what was typed
        errors = bounds.goal_errors(
            self.instance, today=self.today, previous=self.stored_deadline, from_today=True
        )
        add_bounds_errors(self, errors)

    def _refuse_placeholders(self) -> set[str]:
        """What an example left for the person to fill in ("[your number]") is not saved.
        Returns the fields that still hold one."""
        unfilled = set()
        for name in ("statement", *MEASURE_FIELDS):
            found = placeholders(str(self.data.get(name) or ""))
            if found:
                if name in ("baseline", "target"):
                    message = _("Replace “%(placeholder)s” with your own number.")
                else:
                    message = _("Replace “%(placeholder)s” with your own words.")
                self.errors.pop(name, None)  # one message, not also "enter a number"
                self.add_error(name, message % {"placeholder": found[0]})
                unfilled.add(name)
        return unfilled

    def clean(self):
        data = super().clean()
        unfilled = self._refuse_placeholders()
        name = (data.get("metric_name") or "").strip()
        baseline, target = data.get("baseline"), data.get("target")
        numbers = [value is not None for value in (baseline, target)]
        if name and not all(numbers) and not unfilled & {"baseline", "target"}:
            self.add_error(
                "target" if baseline is not None else "baseline",
                _("Give both a starting value and a target for your measure."),
            )
        if any(numbers) and not name:
            self.add_error("metric_name", _("Name what these numbers measure."))
        if baseline is not None and target is not None and baseline == target:
            self.add_error(
                "target", _("The target equals the starting value: set where you want to get to.")
            )
        return data

    def smart_report(self, goal: Goal | None = None) -> SmartReport:
        """The SMART check of whatever the form holds right now, valid or not (the live panel).

        Bound: what was typed, each value read the way its field reads it (None when it can't
        be). Unbound: the saved ``goal``, or the initial values of a new one."""
        if self.is_bound:
            data = self.data
        elif goal is not None:
            return smart_check_goal(goal, self.today)
        else:
            data = {name: str(value) for name, value in self.initial.items() if value is not None}

        def read(name: str):
            try:
                return self.fields[name].clean(data.get(name, ""))
            except ValidationError:
                return None

        return smart_check(
            statement=data.get("statement", ""),
            metric_name=data.get("metric_name", ""),
            baseline=read("baseline"),
            target=read("target"),
            confidence=read("confidence"),
            relevance=data.get("relevance", ""),
            has_vision_link=bool(data.get("vision_answer")),
            target_date=read("target_date"),
            horizon_years=read("horizon"),
            today=self.today,
            step_count=goal.micro_goals.count() if goal else 0,
            measure_placeholder=measure_placeholder(data),
        )


class AbandonForm(KeyedForm, KeepsLongText, forms.Form):
    reason = forms.CharField(
        label=_("Why are you letting this goal go?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence is enough. It stays in the goal’s history for your next review."),
        error_messages={"required": _("Say in a few words why you are letting this goal go.")},
    )


class MicroGoalForm(KeyedForm, KeepsLongText, forms.ModelForm):
    deadline = forms.DateField(label=_("Deadline (optional)"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        date_window(self.fields["deadline"], today)

    def _post_clean(self):
        super()._post_clean()
        add_bounds_errors(self, bounds.step_errors(self.instance, today=self.today))

    class Meta:
        model = MicroGoal
        fields = ["title", "deadline", "action_plan", "resources", "helpers"]
        labels = {
            "title": _("Step"),
            "action_plan": _("Action plan (optional)"),
            "resources": _("Resources needed (optional)"),
            "helpers": _("Who can help? (optional)"),
        }
        widgets = {
            "action_plan": forms.Textarea(attrs={"rows": 2}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }


class VisionForm(forms.Form):
    """One textarea per prompt, prefilled with the current answers."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for prompt in VisionPrompt:
            self.fields[prompt.value] = forms.CharField(
                label=prompt.label,
                required=False,
                max_length=4000,
                initial=current.get(prompt.value, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        keep_long_text(self)
