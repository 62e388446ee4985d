"""What each kind of reminder says. Apps register a builder in their reminders.py."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    url: str = ""
    attachment: tuple[str, str, str] | None = None


# kind -> builder(reminder) -> Message, or None when it is no longer worth sending
BUILDERS: dict[str, Callable] = {}


def register(kind: str):
    def decorator(builder):
        BUILDERS[kind] = builder
        return builder

    return decorator


# kind -> builder(reminders) -> {reminder.pk: Message or None}: the same answer for many due
# reminders of one kind at once, in a few queries whatever their number. The sweep uses it
# where a kind has one and falls back to the one-at-a-time builder otherwise.
MANY_BUILDERS: dict[str, Callable] = {}


def register_many(kind: str):
    def decorator(builder):
        MANY_BUILDERS[kind] = builder
        return builder

    return decorator


def build_all(kind: str, reminders: list) -> dict:
    """What each of ``reminders`` (all of ``kind``) says: {pk: Message or None}."""
    many = MANY_BUILDERS.get(kind)
    if many is not None:
        return many(reminders)
    builder = BUILDERS.get(kind)
    return {reminder.pk: builder(reminder) if builder else None for reminder in reminders}


# kind -> then(reminder, now): what a recurring reminder does once one occurrence is handled
# (sent or skipped), typically plan the next one (the quarterly prompts). Due times stay in
# the ScheduledReminder table: no beat task rescans every person to find what is due.
FOLLOW_UPS: dict[str, Callable] = {}


def then(kind: str):
    def decorator(follow_up):
        FOLLOW_UPS[kind] = follow_up
        return follow_up

    return decorator


# Called when a person's time zone, hour or lead times change, or their account is
# imported: each app re-plans its own reminders (goals/reminders.py, accountability/...).
PERSON_REARMERS: list[Callable] = []


def on_person_change(rearm):
    PERSON_REARMERS.append(rearm)
    return rearm


def rearm_person(user) -> None:
    """The one entry point for "everything of this person is due at other times now"."""
    from .digest import replan_digest  # imported here: the digest sends through services

    replan_digest(user)
    for rearm in PERSON_REARMERS:
        rearm(user)
