"""Your data, the buddy part: comments, feedback, nudges, partnerships with their rules and
review meetings, and invitations sent. Registered with `goals.account_data.sections` in
apps.py.

Only what is the person's own or addressed to them: comments and feedback they wrote, and
those on their own goals; never another person's goal unless it is still shared with them
(then only its statement), never a comment its goal's owner hid from others, never a token or
a secret hash. A buddy's email address only while they are buddies, as the Buddies page shows
it. An import restores the person's own comments on their own goals; everything else involves
another person who may not be on the new server, so it is counted and reported instead.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import dateformat, translation

from careergoals.users.timezones import user_zone
from goals.account_data.export import dump, json_value
from goals.account_data.restore import items_of, restore_object
from goals.account_data.sections import ExportSection, register
from goals.models import Goal, GoalChange

from .models import (
    FORMER_BUDDY,
    AgreementConfirmation,
    AttainabilityFeedback,
    BuddyCheckIn,
    BuddyCheckInEntry,
    Comment,
    GoalShare,
    Invitation,
    Nudge,
    Partnership,
    ReviewMeeting,
    Suggestion,
)
from .models.review import REVIEW_DAY_FORMAT, REVIEW_NOTE

COMMENT_FIELDS = ("kind", "text", "created_at")
FEEDBACK_FIELDS = ("verdict", "comment", "created_at", "updated_at")
NUDGE_FIELDS = ("sent_on", "created_at")
RULES_FIELDS = ("version", "working_toward", "support", "cadence", "updated_at")
MEETING_FIELDS = (
    "starts_at",
    "duration_minutes",
    "place",
    "status",
    "responded_at",
    "notes",
    "held_at",
    "created_at",
)
ADJUSTMENT_FIELDS = ("field", "old_value", "new_value", "note", "changed_at")
SUGGESTION_FIELDS = (
    "kind",
    "title",
    "why",
    "deadline",
    "resources",
    "helpers",
    "target_date",
    "target",
    "status",
    "owner_note",
    "created_at",
    "answered_at",
)
INVITATION_FIELDS = ("email", "message", "status", "created_at", "expires_at", "responded_at")


def _name(person) -> str:
    return str(FORMER_BUDDY) if person is None else person.name


def _still_shared(user):
    """Whether the row's goal is one this person may still look at."""
    return Exists(Goal.objects.visible_to(user).filter(pk=OuterRef("goal_id")))


def _about_goal(row, user, author_id) -> dict:
    """Who wrote it, and which goal: the person's own by id, a buddy's by statement if shared."""
    own = row.goal.owner_id == user.pk
    return {
        "id": row.pk,
        "mine": author_id == user.pk,
        "on_my_goal": own,
        "goal": row.goal_id if own else None,
        "buddy_goal": row.goal.statement if not own and row.still_shared else None,
    }


def _mine_or_on_my_goals(model, user, author: str):
    return (
        model.objects.filter(Q(**{author: user}) | Q(goal__owner=user))
        .select_related(author, "goal")
        .annotate(still_shared=_still_shared(user))
        .order_by("created_at", "id")
    )


# --- Comments -----------------------------------------------------------------------------


def comments_export(*, user) -> list[dict]:
    """Comments and congratulations they wrote, and those on their own goals."""
    hidden_elsewhere = Q(hidden_at__isnull=False) & ~Q(goal__owner=user)
    comments = _mine_or_on_my_goals(Comment, user, "author").exclude(hidden_elsewhere)
    return [
        _about_goal(comment, user, comment.author_id)
        | {"author": comment.author_name}
        | dump(comment, COMMENT_FIELDS)
        | {
            "micro_goal": comment.micro_goal_id if comment.goal.owner_id == user.pk else None,
            "hidden_at": json_value(comment.hidden_at),  # only ever set on their own goals
        }
        for comment in comments
    ]


def _dicts(data, where: str) -> list[dict]:
    items = items_of({where: data}, where, "")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValidationError(f"{where}[{index}]: expected an object.")  # not shown
    return items


def comments_restore(*, user, data, where, ids, report) -> None:
    """Their own comments on their own goals come back; the others are counted."""
    restored = from_buddies = on_buddy_goals = 0
    for index, item in enumerate(_dicts(data, where)):
        if not item.get("on_my_goal"):
            on_buddy_goals += 1
        elif not item.get("mine"):
            from_buddies += 1
        else:
            goal = ids.goals.get(item.get("goal"))
            if goal is None:
                raise ValidationError(
                    f"{where}[{index}]: its goal "  # not shown (import_account's words)
                    f"{item.get('goal')!r} is not in the file."
                )
            step = ids.micro_goals.get(item.get("micro_goal"))
            fields = (*COMMENT_FIELDS, "hidden_at")
            restore_object(
                Comment, item, fields, f"{where}[{index}]", goal=goal, micro_goal=step, author=user
            )
            restored += 1
    report.add_restored(restored, "comment", "comments")
    report.add_not_restored(from_buddies, "comment from a buddy", "comments from buddies")
    report.add_not_restored(
        on_buddy_goals, "comment on a buddy’s goal", "comments on buddies’ goals"
    )


# --- Feedback and nudges ------------------------------------------------------------------


def feedback_export(*, user) -> list[dict]:
    """“Is this attainable?” answers they gave, and those on their own goals."""
    return [
        _about_goal(feedback, user, feedback.author_id)
        | {"author": feedback.author_name}
        | dump(feedback, FEEDBACK_FIELDS)
        for feedback in _mine_or_on_my_goals(AttainabilityFeedback, user, "author")
    ]


def feedback_restore(*, user, data, where, ids, report) -> None:
    items = _dicts(data, where)
    received = sum(1 for item in items if item.get("on_my_goal"))
    report.add_not_restored(
        received, "feedback answer from a buddy", "feedback answers from buddies"
    )
    report.add_not_restored(
        len(items) - received, "feedback answer you gave", "feedback answers you gave"
    )


def nudges_export(*, user) -> list[dict]:
    """Nudges they received on their goals, and nudges they sent."""
    return [
        _about_goal(nudge, user, nudge.sender_id)
        | {"sender": nudge.sender.name}
        | dump(nudge, NUDGE_FIELDS)
        for nudge in _mine_or_on_my_goals(Nudge, user, "sender")
    ]


def nudges_restore(*, user, data, where, ids, report) -> None:
    report.add_not_restored(len(_dicts(data, where)), "nudge", "nudges")


# --- Suggestions ----------------------------------------------------------------------------


def suggestions_export(*, user) -> list[dict]:
    """Suggestions they made, and those made on their own goals (with the step each became)."""
    return [
        _about_goal(suggestion, user, suggestion.author_id)
        | {"author": suggestion.author_name}
        | dump(suggestion, SUGGESTION_FIELDS)
        | _answer(suggestion, user)
        for suggestion in _mine_or_on_my_goals(Suggestion, user, "author")
    ]


def _answer(suggestion: Suggestion, user) -> dict:
    """The owner's note reaches the buddy only while the goal is shared, as on the page."""
    own = suggestion.goal.owner_id == user.pk
    return {
        "micro_goal": suggestion.micro_goal_id if own else None,
        "owner_note": suggestion.owner_note if own or suggestion.still_shared else None,
    }


def suggestions_restore(*, user, data, where, ids, report) -> None:
    """Each involves a buddy (who suggested, or whose goal it was): counted, not restored.
    The steps accepted from them come back with the goals, without the credit."""
    items = _dicts(data, where)
    received = sum(1 for item in items if item.get("on_my_goal"))
    report.add_not_restored(received, "suggestion from a buddy", "suggestions from buddies")
    report.add_not_restored(len(items) - received, "suggestion you made", "suggestions you made")


# --- Check-ins with a buddy -----------------------------------------------------------------


CHECK_IN_FIELDS = ("due_on", "written_at", "reaction", "reply", "acknowledged_at")
CHECK_IN_ENTRY_FIELDS = ("moved", "next_up", "in_the_way", "confidence")


def check_ins_export(*, user) -> list[dict]:
    """Check-ins they wrote (about their own goals, by id) with the buddy's answer, and those
    written to them with their own answer; a buddy's goal only while still shared with them."""
    entries = BuddyCheckInEntry.objects.select_related("goal").annotate(
        still_shared=_still_shared(user)
    )
    check_ins = (
        BuddyCheckIn.objects.filter(partnership__in=Partnership.objects.of(user).values("pk"))
        .select_related("author", "acknowledged_by")
        .prefetch_related(Prefetch("entries", queryset=entries.order_by("id")))
        .order_by("due_on", "id")
    )
    return [
        {
            "partnership": check_in.partnership_id,
            "mine": check_in.author_id == user.pk,
            "author": check_in.author.name,
            "answered_by": _name(check_in.acknowledged_by) if check_in.is_acknowledged else None,
        }
        | dump(check_in, CHECK_IN_FIELDS)
        | {"goals": [_check_in_entry(entry, user) for entry in check_in.entries.all()]}
        for check_in in check_ins
    ]


def _check_in_entry(entry, user) -> dict:
    own = entry.goal.owner_id == user.pk
    if not own and not entry.still_shared:
        return {"goal": None, "statement": None} | dict.fromkeys(CHECK_IN_ENTRY_FIELDS)
    return {
        "goal": entry.goal_id if own else None,
        "statement": None if own else entry.goal.statement,
    } | dump(entry, CHECK_IN_ENTRY_FIELDS)


def check_ins_restore(*, user, data, where, ids, report) -> None:
    """Each was written to or by a buddy who may not be on the new server: counted."""
    report.add_not_restored(
        len(_dicts(data, where)), "check-in with a buddy", "check-ins with buddies"
    )


# --- Partnerships, their rules and review meetings ----------------------------------------


def _review_days(meeting: ReviewMeeting, user) -> list[str]:
    """The day an adjustment's note names (accountability.services.reviews writes it so), as
    each language writes it: the note is in the words of whoever made the change."""
    local = meeting.starts_at.astimezone(user_zone(user))
    days = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            days.append(dateformat.format(local, REVIEW_DAY_FORMAT))
    return list(dict.fromkeys(days))


def _review_prefixes() -> list[str]:
    """How a review's note starts in each language: "Review on ", ..."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words = translation.gettext(REVIEW_NOTE) % {"day": "\x00", "note": ""}
        prefixes.append(words.split("\x00", 1)[0])
    return list(dict.fromkeys(prefixes))


def _adjustments_by_day(user) -> dict[str, list[dict]]:
    """Changes to their own goals made during a review, by the review's day."""
    prefixes = _review_prefixes()
    starts = Q()
    for prefix in prefixes:
        starts |= Q(note__startswith=prefix)
    changes = GoalChange.objects.filter(starts, goal__owner=user)
    by_day: dict[str, list[dict]] = {}
    for change in changes.order_by("changed_at", "id"):
        prefix = next(p for p in prefixes if change.note.startswith(p))
        day = change.note.removeprefix(prefix).split(":", 1)[0]
        by_day.setdefault(day, []).append(
            {"goal": change.goal_id} | dump(change, ADJUSTMENT_FIELDS)
        )
    return by_day


def _rules(partnership: Partnership) -> dict | None:
    agreement = getattr(partnership, "agreement", None)
    if agreement is None:
        return None
    confirmations = [
        {"by": _name(c.user), "version": c.version, "confirmed_at": json_value(c.confirmed_at)}
        for c in agreement.confirmations.all()
    ]
    return (
        dump(agreement, RULES_FIELDS)
        | {"updated_by": _name(agreement.updated_by)}
        | {"confirmations": confirmations}
    )


def _buddy(partnership: Partnership, user) -> dict:
    other = partnership.other(user)
    email = other.email if other is not None and partnership.is_active else None
    return {"name": _name(other), "email": email}


def partnerships_export(*, user) -> list[dict]:
    partnerships = (
        Partnership.objects.of(user)
        .select_related("user_low", "user_high", "ended_by", "agreement__updated_by")
        .prefetch_related(
            Prefetch(
                "agreement__confirmations",
                queryset=AgreementConfirmation.objects.select_related("user").order_by(
                    "confirmed_at", "id"
                ),
            ),
            Prefetch(
                "review_meetings",
                queryset=ReviewMeeting.objects.select_related("proposed_by").order_by(
                    "starts_at", "id"
                ),
            ),
        )
        .order_by("created_at", "id")
    )
    shares = GoalShare.objects.filter(goal__owner=user).order_by("goal_id")
    shared_with: dict[int, list[int]] = {}
    for share in shares:
        shared_with.setdefault(share.user_id, []).append(share.goal_id)
    adjustments = _adjustments_by_day(user)

    def shared_by_name(partnership) -> list[int]:
        other = partnership.other(user)
        return shared_with.get(other.pk, []) if other is not None else []

    return [
        {
            "id": partnership.pk,
            "buddy": _buddy(partnership, user),
            "created_at": json_value(partnership.created_at),
            "ended_at": json_value(partnership.ended_at),
            "ended_by": _name(partnership.ended_by) if partnership.ended_by_id else None,
            "ended_because_an_account_was_deleted": partnership.account_deleted,
            "rules": _rules(partnership),
            "my_goals_shared_by_name": shared_by_name(partnership),
            "review_meetings": [
                dump(meeting, MEETING_FIELDS)
                | {
                    "proposed_by": _name(meeting.proposed_by),
                    "adjustments": [
                        found
                        for day in _review_days(meeting, user)
                        for found in adjustments.pop(day, [])
                    ],
                }
                for meeting in partnership.review_meetings.all()
            ],
        }
        for partnership in partnerships
    ]


def partnerships_restore(*, user, data, where, ids, report) -> None:
    items = _dicts(data, where)
    with_rules = any(item.get("rules") for item in items)
    meetings = sum(len(item.get("review_meetings") or []) for item in items)
    if with_rules:
        report.add_not_restored(
            len(items), "partnership with its rules", "partnerships with their rules"
        )
    else:
        report.add_not_restored(len(items), "partnership", "partnerships")
    report.add_not_restored(meetings, "review meeting", "review meetings")


# --- Invitations they sent ----------------------------------------------------------------


def invitations_export(*, user) -> list[dict]:
    """The addresses they invited themselves; never the token, only ever stored hashed."""
    invitations = Invitation.objects.filter(inviter=user).order_by("created_at", "id")
    return [dump(invitation, INVITATION_FIELDS) for invitation in invitations]


def invitations_restore(*, user, data, where, ids, report) -> None:
    report.add_not_restored(len(_dicts(data, where)), "invitation you sent", "invitations you sent")


def register_sections() -> None:
    """Called from AccountabilityConfig.ready(): the order is the order in the file."""
    for key, export, restore in (
        ("comments", comments_export, comments_restore),
        ("feedback", feedback_export, feedback_restore),
        ("nudges", nudges_export, nudges_restore),
        ("suggestions", suggestions_export, suggestions_restore),
        ("check_ins", check_ins_export, check_ins_restore),
        ("partnerships", partnerships_export, partnerships_restore),
        ("invitations", invitations_export, invitations_restore),
    ):
        register(ExportSection(key=key, export=export, restore=restore))
