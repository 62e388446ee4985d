"""Your data, the way back in: reading an export, object by object, into an empty account.

``services.account_import`` runs it, all or nothing. It keeps every date and applies the
bounds every other path applies. What belongs to the person alone is restored; the
sections of higher apps (``sections``) restore their own part with ``items_of`` and
``restore_object`` and report what involves someone else, never half of it.

Its messages are read by whoever runs ``manage.py import_account``, in English like every
command's words: "# not shown" tells the finder of untranslated words so.
"""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from careergoals.users.models import User
from careergoals.users.timezones import user_today
from goals import bounds
from goals.models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer

from .export import (
    CELEBRATION_FIELDS,
    CHANGE_FIELDS,
    CHECK_IN_FIELDS,
    FORMAT,
    GOAL_FIELDS,
    MICRO_GOAL_FIELDS,
    PROFILE_FIELDS,
    READABLE_VERSIONS,
    VERSION,
    VISION_ANSWER_FIELDS,
)
from .sections import ImportedIds, ImportReport


@dataclass
class ImportSummary:
    vision_answers: int = 0
    goals: int = 0
    changes: int = 0
    micro_goals: int = 0
    check_ins: int = 0
    celebrations: int = 0
    report: ImportReport = field(default_factory=ImportReport)  # what the sections did

    @property
    def imported(self) -> str:
        counts = [
            (self.vision_answers, "vision answer", "vision answers"),
            (self.goals, "goal", "goals"),
            (self.micro_goals, "step", "steps"),
            (self.check_ins, "check-in", "check-ins"),
            (self.changes, "history entry", "history entries"),
            (self.celebrations, "celebration", "celebrations"),
        ]
        return "Imported " + ", ".join(
            [f"{count} {singular if count == 1 else plural}" for count, singular, plural in counts]
            + [str(count) for count in self.report.restored]
        )

    @property
    def not_restored(self) -> str:
        """What the file holds but involves another person, in one sentence; or nothing."""
        counts = [str(count) for count in self.report.not_restored]
        if not counts:
            return ""
        listed = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " and " + counts[-1]
        return (
            "Not restored, because they involve another person "  # not shown
            f"who may not be on this server: {listed}."
        )

    def __str__(self) -> str:
        return " ".join(filter(None, [self.imported + ".", self.not_restored]))


def _located(where: str, error: ValidationError) -> ValidationError:
    """The same error, saying where in the file it is."""
    if not hasattr(error, "error_dict"):
        return ValidationError([f"{where}: {message}" for message in error.messages])
    return ValidationError(
        [
            f"{where}: {message}" if name == NON_FIELD_ERRORS else f"{where}, {name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    )


def items_of(data: dict, key: str, where: str) -> list:
    """The list under ``key``; none when the file has no such key (an older version)."""
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValidationError(f"{where}{key}: expected a list.")  # not shown
    return items


def _storable(text: str) -> bool:
    """Postgres text holds neither NUL nor a lone surrogate; the forms refuse NUL as typed."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _values(model, item, fields: tuple[str, ...], where: str) -> dict:
    """The model values of one exported object, converted from their JSON form."""
    if not isinstance(item, dict):
        raise ValidationError(f"{where}: expected an object.")  # not shown
    values = {}
    for name in fields:
        if name not in item:
            continue
        raw = item[name]
        if not isinstance(raw, str | int | float | None):
            raise ValidationError(f"{where}, {name}: expected a single value.")  # not shown
        if isinstance(raw, str) and not _storable(raw):
            raise ValidationError(
                f"{where}, {name}: contains a NUL character "  # not shown
                "or a broken unicode escape, which can't be stored. Check the file."
            )
        model_field = model._meta.get_field(name)
        limit = model_field.max_length if isinstance(model_field, models.TextField) else None
        if isinstance(raw, str) and limit is not None and len(raw) > limit:
            # full_clean() leaves a TextField's max_length to the forms; the import checks it.
            raise ValidationError(
                f"{where}, {name}: too long: "  # not shown
                f"up to {limit:,} characters ({len(raw):,} in the file)."
            )
        try:
            values[name] = model_field.to_python(raw)
        except ValidationError as error:
            raise _located(f"{where}, {name}", error) from None
    return values


def _auto_dates(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def _bounds_errors(obj, values: dict) -> dict:
    """The bounds every other path applies (goals.bounds)."""
    now = timezone.now()
    errors = {
        field.name: bounds.stamp_error(values.get(field.name), now=now)
        for field in obj._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    }
    today = user_today(obj.owner if hasattr(obj, "owner_id") else obj.goal.owner)
    if isinstance(obj, Goal):
        errors |= bounds.goal_errors(obj, today=today)
        errors["current_value"] = bounds.value_error(obj.current_value)  # kept from check-ins
    elif isinstance(obj, MicroGoal):
        errors |= bounds.step_errors(obj, today=today)
    elif isinstance(obj, CheckIn):
        errors |= bounds.check_in_errors(obj, today=today)
    return errors


def restore_object(model, item, fields: tuple[str, ...], where: str, **links):
    """Validate and save one exported object, then put back the dates Django stamped itself."""
    values = _values(model, item, fields, where)
    obj = model(**links, **values)
    try:
        obj.full_clean()
        bounds.raise_errors(_bounds_errors(obj, values))
    except ValidationError as error:
        raise _located(where, error) from None
    obj.save()
    dates = {name: values[name] for name in _auto_dates(model) if values.get(name) is not None}
    if dates:
        model.objects.filter(pk=obj.pk).update(**dates)
    return obj


def check_format(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError("This file is not a Career Goals export.")  # not shown
    if data.get("version") not in READABLE_VERSIONS:
        readable = " and ".join(str(version) for version in READABLE_VERSIONS)
        raise ValidationError(
            f"This export has version {data.get('version')!r}; "  # not shown
            f"this server reads versions {readable} (it writes version {VERSION})."
        )


def check_empty(user) -> None:
    if Goal.objects.filter(owner=user).exists() or VisionAnswer.objects.filter(owner=user).exists():
        raise ValidationError(
            f"{user.email} already has goals or vision answers. "  # not shown
            "Import only into an empty account, so nothing is mixed up or doubled."
        )


def restore_profile(user, profile) -> None:
    values = _values(User, profile or {}, PROFILE_FIELDS, "profile")
    for name, value in values.items():
        setattr(user, name, value)
    try:
        user.full_clean(exclude=["password"])
        welcomed_at = bounds.stamp_error(user.welcomed_at, now=timezone.now())
        bounds.raise_errors({"welcomed_at": welcomed_at})
    except ValidationError as error:
        raise _located("profile", error) from None
    user.save(update_fields=list(values))


def _file_id(item):
    """The id an exported object had, so that other parts of the file can point at it."""
    return item.get("id") if isinstance(item.get("id"), int) else None


def restore_goal(
    user, item, where: str, answers: dict, ids: ImportedIds, summary: ImportSummary
) -> None:
    link = item.get("vision_answer") if isinstance(item, dict) else None
    if link is not None and (not isinstance(link, int) or link not in answers):
        raise ValidationError(
            f"{where}: its vision answer {link!r} is not in the file."  # not shown
        )
    vision_answer = answers[link] if link is not None else None
    goal = restore_object(Goal, item, GOAL_FIELDS, where, owner=user, vision_answer=vision_answer)
    ids.goals[_file_id(item)] = goal
    children = (
        ("changes", GoalChange, CHANGE_FIELDS),
        ("micro_goals", MicroGoal, MICRO_GOAL_FIELDS),
        ("check_ins", CheckIn, CHECK_IN_FIELDS),
    )
    for key, model, fields in children:
        for index, child in enumerate(items_of(item, key, f"{where}.")):
            made = restore_object(model, child, fields, f"{where}.{key}[{index}]", goal=goal)
            if model is MicroGoal:
                ids.micro_goals[_file_id(child)] = made
            setattr(summary, key, getattr(summary, key) + 1)
    if item.get("celebration") is not None:
        restore_object(
            Celebration, item["celebration"], CELEBRATION_FIELDS, f"{where}.celebration", goal=goal
        )
        summary.celebrations += 1
    summary.goals += 1


def restore_vision_answers(user, data: dict, summary: ImportSummary) -> dict:
    """Recreate the answers, oldest first; returns the file's ids mapped to the new answers."""
    answers = {}
    for index, item in enumerate(items_of(data, "vision_answers", "")):
        answer = restore_object(
            VisionAnswer, item, VISION_ANSWER_FIELDS, f"vision_answers[{index}]", owner=user
        )
        answers[_file_id(item)] = answer
        summary.vision_answers += 1
    return answers
