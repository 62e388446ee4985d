"""The extension points goals offers to the apps above it.

goals knows nothing of buddies. An app higher up (accountability) fills these in its
`AppConfig.ready()`, the way `notifications.registry` takes reminder builders and
`account_data.sections` takes sections of "Your data":

- **viewers**: who else may read a goal. Each returns a `Q` over `Goal` naming the goals of
  other people this person may see; `Goal.objects.visible_to` ORs them with the person's own.
- **on achieved**: what else happens, inside the same transaction, when a goal is reached.
- **on changed**: what else happens, inside the same transaction, when a person's goals or
  steps change in a way others may see (accountability: calendar feeds get a new version).
- **goal page panels**: parts of the goal page another app renders, with the context they
  need, in a fixed number of queries each.
- **buddies**: who someone's current buddies are (accountability), for what a person shares
  with all of them at once: the goal examples they saved ("this worked for me").

A value comes back from the first and the last, so they are explicit registries rather than
signals. Registering twice (a second `ready()` in tests) replaces the earlier entry by key.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

_viewers: dict[str, Callable[..., Q]] = {}
_on_achieved: dict[str, Callable[..., object]] = {}
_on_changed: dict[str, Callable[..., object]] = {}
_panels: dict[str, "GoalPanel"] = {}
_buddies: dict[str, Callable[..., object]] = {}


def register_viewers(key: str, goals_of_others: Callable[..., Q]) -> None:
    """``goals_of_others(user)`` returns a `Q` over `Goal` for others' goals ``user`` may see."""
    _viewers[key] = goals_of_others


def others_goals_visible_to(user) -> Q | None:
    """The registered viewers' goals for ``user`` ORed together, or None when none is."""
    found = None
    for goals_of_others in _viewers.values():
        q = goals_of_others(user)
        found = q if found is None else found | q
    return found


def register_on_achieved(key: str, hook: Callable[..., object]) -> None:
    """``hook(goal=goal)`` runs inside the achieving transaction, after the goal is saved."""
    _on_achieved[key] = hook


def goal_achieved(*, goal) -> None:
    for hook in _on_achieved.values():
        hook(goal=goal)


def register_on_changed(key: str, hook: Callable[..., object]) -> None:
    """``hook(owner_id=...)`` runs inside the writing transaction after a goal or step of
    that person was created, changed, closed or deleted."""
    _on_changed[key] = hook


def goals_changed(*, owner_id: int) -> None:
    for hook in _on_changed.values():
        hook(owner_id=owner_id)


def register_buddies(key: str, buddy_ids_of: Callable[..., object]) -> None:
    """``buddy_ids_of(user)`` returns the ids of this person's current buddies: a list, or a
    queryset of ids that the database reads as a subquery."""
    _buddies[key] = buddy_ids_of


def buddies_filter(user, field: str) -> Q | None:
    """A `Q` keeping rows whose ``field`` (a person's id) is one of ``user``'s current
    buddies, or None when no app says who buddies are."""
    found = None
    for buddy_ids_of in _buddies.values():
        q = Q(**{f"{field}__in": buddy_ids_of(user)})
        found = q if found is None else found | q
    return found


@dataclass(frozen=True)
class GoalPanel:
    """Parts of the goal page another app draws, from one context.

    ``templates`` maps a slot to the template drawn there: "audience" (under the title:
    who can see the goal) and "main" (after the steps). ``context(goal=, user=)`` returns
    what those templates need, merged into the page's context; the caller has fetched the
    goal through `Goal.objects.visible_to(user)`, with its owner.
    """

    key: str
    templates: dict[str, str]
    context: Callable[..., dict]


def register_panel(panel: GoalPanel) -> None:
    _panels[panel.key] = panel


def goal_page_panels(*, goal, user) -> tuple[dict, dict[str, list[str]]]:
    """The panels' merged context, and each slot's templates in registration order."""
    context: dict = {}
    slots: dict[str, list[str]] = {}
    for panel in _panels.values():
        context |= panel.context(goal=goal, user=user)
        for slot, template in panel.templates.items():
            slots.setdefault(slot, []).append(template)
    return context, slots
