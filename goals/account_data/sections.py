"""Sections that higher apps add to "Your data" (the JSON export and its import).

goals knows nothing of buddies, comments or review meetings; accountability registers a
section for each in its `AppConfig.ready()`, the way `notifications.registry` takes reminder
builders. A section's `export` returns JSON-safe data for one person, in a bounded number of
queries. Its `restore` recreates, inside the import's transaction, what belongs to the person
alone and tells the summary what it restored and what it could not.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class ImportedIds:
    """The file's ids mapped to what the import created, for sections that link to them."""

    goals: dict = field(default_factory=dict)  # file id -> Goal
    micro_goals: dict = field(default_factory=dict)  # file id -> MicroGoal


@dataclass
class Count:
    number: int
    singular: str
    plural: str

    def __str__(self) -> str:
        return f"{self.number} {self.singular if self.number == 1 else self.plural}"


@dataclass
class ImportReport:
    """What the sections restored, and what they reported instead of half-restoring it."""

    restored: list[Count] = field(default_factory=list)
    not_restored: list[Count] = field(default_factory=list)

    def add_restored(self, number: int, singular: str, plural: str) -> None:
        if number:
            self.restored.append(Count(number, singular, plural))

    def add_not_restored(self, number: int, singular: str, plural: str) -> None:
        if number:
            self.not_restored.append(Count(number, singular, plural))


@dataclass(frozen=True)
class ExportSection:
    key: str  # the top-level key of the JSON file
    export: Callable  # (*, user) -> list | dict
    restore: Callable | None = None  # (*, user, items, where, ids, report) -> None


_sections: dict[str, ExportSection] = {}


def register(section: ExportSection) -> None:
    """Called from a higher app's ready(); registering the same key again replaces it."""
    _sections[section.key] = section


def export_sections() -> list[ExportSection]:
    return list(_sections.values())
