"""A buddy's suggestions for a goal they can see: a step to add, or a new deadline or target.

Nothing a buddy suggests changes the goal until its owner accepts it. Accepting goes through
the goals services (``micro_goal_create``, ``goal_update``), so the step or the change is
checked with the same bounds as the owner's own forms, gets its reminders and its line in
the goal's history ("Suggested by Bao"). The owner may change the suggestion before
accepting it, or decline it with a note.

Access: only a buddy who can see the goal (``Goal.objects.visible_to``) suggests; only the
owner answers. A suggestion made while the goal was shared stays on the owner's page when
the share or the partnership ends, and the owner may still accept it (the step is still
credited); the former buddy no longer sees it, nor hears about the answer.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import Suggestion
from careergoals.notifications.services import notify
from careergoals.users.timezones import user_today
from goals import bounds
from goals import services as goal_services
from goals.models import Goal

from .feedback import _check_can_see, _check_not_owner, _clean_text, _goal_url, _one_line

__all__ = [
    "suggestion_accept",
    "suggestion_change_add",
    "suggestion_decline",
    "suggestion_step_add",
]

STEP_FIELDS = ("title", "action_plan", "deadline", "resources", "helpers")
WHY_LIMIT = Suggestion._meta.get_field("why").max_length
NOTE_LIMIT = Suggestion._meta.get_field("owner_note").max_length


def _check_may_suggest(goal: Goal, author) -> None:
    _check_can_see(goal, author)
    _check_not_owner(goal, author, _("This is your own goal: add the step or change it yourself."))
    if not goal.is_open:
        raise ValidationError(_("This goal is closed, so it no longer takes suggestions."))


def _tell_owner(suggestion: Suggestion) -> None:
    goal, author = suggestion.goal, suggestion.author
    if suggestion.is_step:
        words = gettext_lazy("{name} suggests a step for your goal")
    else:
        words = gettext_lazy("{name} suggests a change for your goal")
    notify(
        kind="suggestion",
        recipient=goal.owner,
        subject=format_lazy(words, name=_one_line(author.name)),
        template="suggestion",
        context={"goal": goal, "author": author, "suggestion": suggestion},
        url=_goal_url(goal, f"suggestion-{suggestion.pk}"),
    )


@transaction.atomic
def suggestion_step_add(
    *,
    goal: Goal,
    author,
    title: str,
    why: str = "",
    deadline: datetime.date | None = None,
    resources: str = "",
    helpers: str = "",
) -> Suggestion:
    """A buddy suggests a step; the owner is told. The goal itself is left as it is."""
    _check_may_suggest(goal, author)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Say what the step is, in a few words.")})
    message = bounds.date_error(deadline, today=user_today(goal.owner))
    if message:
        raise ValidationError({"deadline": message})
    suggestion = Suggestion(
        goal=goal,
        author=author,
        kind=Suggestion.Kind.STEP,
        title=title,
        why=_clean_text(why, field="why", limit=WHY_LIMIT, required=False),
        deadline=deadline,
        resources=(resources or "").strip(),
        helpers=(helpers or "").strip(),
    )
    suggestion.full_clean()
    suggestion.save()
    _tell_owner(suggestion)
    return suggestion


def _change_fields(goal: Goal, *, target_date, target) -> dict:
    """What a suggested change would set, checked as the goal form and a review check it."""
    fields = {}
    if target is not None and target != goal.target:
        message = bounds.value_error(target)
        if message:
            raise ValidationError({"target": message})
        if not goal.has_metric:
            raise ValidationError(
                {"target": _("This goal has no measure yet: suggest a new deadline instead.")}
            )
        if target == goal.baseline:
            raise ValidationError({"target": _("That is the starting value: pick another target.")})
        fields["target"] = target
    if target_date is not None and target_date != goal.target_date:
        message = bounds.goal_deadline_error(
            goal, target_date, today=user_today(goal.owner), from_today=True
        )
        if message:
            raise ValidationError({"target_date": message})
        fields["target_date"] = target_date
    if not fields:
        raise ValidationError(
            _("Nothing would change: the goal already has this deadline and target.")
        )
    return fields


@transaction.atomic
def suggestion_change_add(
    *,
    goal: Goal,
    author,
    why: str,
    target_date: datetime.date | None = None,
    target: Decimal | None = None,
) -> Suggestion:
    """A buddy suggests a new deadline and/or target, with a reason; the owner is told."""
    _check_may_suggest(goal, author)
    why = _clean_text(why, field="why", limit=WHY_LIMIT)
    fields = _change_fields(goal, target_date=target_date, target=target)
    suggestion = Suggestion(
        goal=goal, author=author, kind=Suggestion.Kind.CHANGE, why=why, **fields
    )
    suggestion.full_clean()
    suggestion.save()
    _tell_owner(suggestion)
    return suggestion


# --- The owner's answer ----------------------------------------------------------------------


def _locked_pending(suggestion: Suggestion, by) -> Suggestion:
    """The suggestion, locked until commit, if ``by`` owns its goal and it awaits an answer."""
    locked = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("goal__owner", "author")
        .get(pk=suggestion.pk)
    )
    if locked.goal.owner_id != by.pk:
        raise PermissionDenied("Only the goal's owner answers a suggestion.")
    if not locked.is_pending:
        if locked.status == Suggestion.Status.ACCEPTED:
            raise ValidationError(_("You already answered this suggestion: it is accepted."))
        raise ValidationError(_("You already answered this suggestion: it is declined."))
    if not locked.goal.is_open:
        raise ValidationError(_("This goal is closed: reopen it to take suggestions on board."))
    return locked


def _tell_author(suggestion: Suggestion) -> None:
    """The buddy hears the answer while they can still see the goal (not after the share)."""
    author, goal = suggestion.author, suggestion.goal
    if author is None or not Goal.objects.visible_to(author).filter(pk=goal.pk).exists():
        return
    accepted = suggestion.status == Suggestion.Status.ACCEPTED
    if accepted:
        words = gettext_lazy("{name} took up your suggestion")
    else:
        words = gettext_lazy("{name} passed on your suggestion")
    notify(
        kind="suggestion_answered",
        recipient=author,
        subject=format_lazy(words, name=_one_line(goal.owner.name)),
        template="suggestion_answered",
        context={"goal": goal, "owner": goal.owner, "suggestion": suggestion, "accepted": accepted},
        url=_goal_url(goal, f"suggestion-{suggestion.pk}"),
    )


def _answered(suggestion: Suggestion, status: str, note: str) -> Suggestion:
    suggestion.status = status
    suggestion.owner_note = _clean_text(note, field="note", limit=NOTE_LIMIT, required=False)
    suggestion.answered_at = timezone.now()
    suggestion.full_clean(exclude=["author"])  # empty once they deleted their account
    suggestion.save()
    _tell_author(suggestion)
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by, note: str = "", **changes) -> Suggestion:
    """The owner takes the suggestion on board, as it is or with ``changes``.

    A step becomes a real step of the goal, credited to the buddy; a change goes through
    ``goal_update``. Either way the goal's history says it was suggested, and by whom.
    ``changes`` are a step's fields (title, action_plan, deadline, resources, helpers) or a
    change's (target_date, target), as the owner edited them.
    """
    suggestion = _locked_pending(suggestion, by)
    goal = suggestion.goal
    # Kept in the goal's history in the owner's words (theirs is the request).
    credit = _("Suggested by %(name)s") % {"name": suggestion.credited}
    if suggestion.is_step:
        unknown = set(changes) - set(STEP_FIELDS)
        if unknown:
            raise TypeError(f"unknown step fields: {sorted(unknown)}")
        fields = {
            "title": suggestion.title,
            "action_plan": suggestion.why,
            "deadline": suggestion.deadline,
            "resources": suggestion.resources,
            "helpers": suggestion.helpers,
        } | changes
        suggestion.micro_goal = goal_services.micro_goal_create(
            goal=goal, suggested_by=suggestion.author, note=credit, **fields
        )
    else:
        unknown = set(changes) - {"target_date", "target"}
        if unknown:
            raise TypeError(f"unknown change fields: {sorted(unknown)}")
        proposed = {"target_date": suggestion.target_date, "target": suggestion.target}
        fields = _change_fields(goal, **(proposed | changes))
        goal_services.goal_update(goal=goal, note=f"{credit}: {suggestion.why}", **fields)
    return _answered(suggestion, Suggestion.Status.ACCEPTED, note)


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, by, note: str = "") -> Suggestion:
    """The owner says no, thanks, with an optional note for the buddy. The goal stays."""
    suggestion = _locked_pending(suggestion, by)
    return _answered(suggestion, Suggestion.Status.DECLINED, note)
