"""Your data: the entry points. Views and the import_account command call only these.

``account_export`` and ``goals_csv_rows`` read (the downloads on the profile page);
``account_import`` writes: it recreates an export in an empty account, all or nothing.
"""

from django.db import transaction
from django.utils import timezone

from careergoals.notifications.registry import rearm_person
from careergoals.users.models import User
from goals import extensions

from .export import (
    FORMAT,
    VERSION,
    goals_csv_rows,
    goals_data,
    profile_data,
    vision_answers_data,
)
from .restore import (
    ImportSummary,
    check_empty,
    check_format,
    items_of,
    restore_goal,
    restore_profile,
    restore_vision_answers,
)
from .sections import ImportedIds, export_sections

__all__ = ["ImportSummary", "account_export", "account_import", "goals_csv_rows"]


def account_export(*, user) -> dict:
    """Everything the person owns or that is addressed to them, JSON-safe, in a fixed number
    of queries whatever the size: five here, and a few per registered section."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": profile_data(user),
        "vision_answers": vision_answers_data(user),
        "goals": goals_data(user),
    } | {section.key: section.export(user=user) for section in export_sections()}


@transaction.atomic
def account_import(*, user, data) -> ImportSummary:
    """Recreate an export in an empty account: all or nothing, with readable errors."""
    check_format(data)
    User.objects.select_for_update().get(pk=user.pk)  # one import into an account at a time
    check_empty(user)
    summary = ImportSummary()
    restore_profile(user, data.get("profile"))
    answers = restore_vision_answers(user, data, summary)
    ids = ImportedIds()
    for index, item in enumerate(items_of(data, "goals", "")):
        restore_goal(user, item, f"goals[{index}]", answers, ids, summary)
    ids.goals.pop(None, None)
    ids.micro_goals.pop(None, None)
    for section in export_sections():
        if section.restore is not None and data.get(section.key) is not None:
            section.restore(
                user=user, data=data[section.key], where=section.key, ids=ids, report=summary.report
            )
    rearm_person(user)  # plan every reminder, in the imported time zone
    extensions.goals_changed(owner_id=user.pk)  # a feed made before the import shows it
    return summary
