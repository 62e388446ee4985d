"""Check-ins with a buddy: writing one, and the buddy's acknowledgement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import BuddyCheckIn, BuddyCheckInEntry, Partnership
from accountability.reminders import plan_check_in_nudge
from accountability.selectors import check_in_period, check_in_rhythm, check_ins_shared_goals
from careergoals.forms import too_long_message
from careergoals.notifications.scheduling import arm, disarm
from careergoals.notifications.services import notify

__all__ = ["check_in_acknowledge", "check_in_save"]

ENTRY_FIELDS = ("moved", "next_up", "in_the_way", "confidence")


def _clean_entry(values: dict) -> dict:
    entry = {name: (values.get(name) or "").strip() for name in ENTRY_FIELDS[:3]}
    confidence = values.get("confidence")
    entry["confidence"] = int(confidence) if confidence not in (None, "") else None
    return entry


def _within_limit(text: str, model, name: str) -> None:
    limit = model._meta.get_field(name).max_length
    if len(text) > limit:
        raise ValidationError({name: too_long_message(limit) % {"show_value": len(text)}})


@transaction.atomic
def check_in_save(*, partnership: Partnership, author, entries: dict, now=None) -> BuddyCheckIn:
    """Write this period's check-in with the buddy, or rewrite it until they answered.

    ``entries`` maps a goal's pk to what moved, what's next, what's in the way and a
    confidence from 1 to 5; goals left empty are left out. Only goals the author shares
    with this buddy may be written about."""
    if not partnership.is_active or not partnership.includes(author):
        raise ValidationError(_("Only the two buddies can write check-ins to each other."))
    now = now or timezone.now()
    buddy = partnership.other(author)
    goals = {goal.pk: goal for goal in check_ins_shared_goals(owner=author, buddy=buddy)}
    unknown = set(entries) - set(goals)
    if unknown:
        raise ValidationError(
            _(
                "%(name)s can’t see one of those goals any more. "
                "Your words are still here: copy what you need, then reload the page."
            )
            % {"name": buddy.name}
        )
    cleaned = {pk: _clean_entry(values) for pk, values in entries.items()}
    cleaned = {pk: values for pk, values in cleaned.items() if any(values.values())}
    for values in cleaned.values():
        if values["confidence"] is not None and not 1 <= values["confidence"] <= 5:
            raise ValidationError(_("Pick a confidence from 1 to 5."))
        for name in ENTRY_FIELDS[:3]:
            _within_limit(values[name], BuddyCheckInEntry, name)
    if not cleaned:
        raise ValidationError(
            _(
                "Write at least one line about one goal: what moved, what’s next "
                "or what’s in the way."
            )
        )
    due_on = check_in_period(agreement=check_in_rhythm(partnership=partnership), user=author)
    check_in = (
        BuddyCheckIn.objects.select_for_update()
        .filter(partnership=partnership, author=author, due_on=due_on)
        .first()
    )
    created = check_in is None
    if created:
        check_in = BuddyCheckIn(partnership=partnership, author=author, due_on=due_on)
    elif check_in.is_acknowledged:
        raise ValidationError(
            _(
                "%(name)s already answered this check-in, so it stays as it was. "
                "Add what’s new in your next one."
            )
            % {"name": buddy.name}
        )
    check_in.written_at = now
    check_in.full_clean(validate_constraints=False)
    check_in.save()
    if not created:
        check_in.entries.all().delete()
    BuddyCheckInEntry.objects.bulk_create(
        [
            BuddyCheckInEntry(check_in=check_in, goal_id=pk, **values)
            for pk, values in cleaned.items()
        ]
    )
    if created:
        arm(item=f"buddy_check_in:{check_in.pk}", planned=plan_check_in_nudge(check_in), new=True)
        notify(
            kind="check_in_written",
            recipient=buddy,
            subject=format_lazy(
                gettext_lazy("{name} wrote their check-in with you"), name=author.name
            ),
            template="check_in_written",
            context={"author": author, "check_in": check_in, "count": len(cleaned)},
            url=reverse("buddies:check_in_detail", args=[check_in.pk]),
        )
    return check_in


@transaction.atomic
def check_in_acknowledge(*, check_in: BuddyCheckIn, by, reaction: str, reply: str = ""):
    """The buddy says they read it: a reaction and, if they like, a reply. Once."""
    partnership = check_in.partnership
    if not partnership.is_active or not partnership.includes(by) or by.pk == check_in.author_id:
        raise ValidationError(_("Only the buddy it was written to can answer a check-in."))
    locked = BuddyCheckIn.objects.select_for_update().get(pk=check_in.pk)
    if locked.is_acknowledged:
        raise ValidationError(_("You already answered this check-in."))
    if reaction not in BuddyCheckIn.Reaction.values:
        raise ValidationError({"reaction": _("Choose one of the reactions offered.")})
    _within_limit(reply.strip(), BuddyCheckIn, "reply")
    check_in.reaction = reaction
    check_in.reply = reply.strip()
    check_in.acknowledged_at = timezone.now()
    check_in.acknowledged_by = by
    check_in.full_clean(validate_constraints=False)
    check_in.save(update_fields=["reaction", "reply", "acknowledged_at", "acknowledged_by"])
    disarm(item=f"buddy_check_in:{check_in.pk}")  # no nudge once answered
    notify(
        kind="check_in_acknowledged",
        recipient=check_in.author,
        subject=format_lazy(gettext_lazy("{name} read your check-in"), name=by.name),
        template="check_in_acknowledged",
        context={"buddy": by, "check_in": check_in},
        url=reverse("buddies:check_in_detail", args=[check_in.pk]),
    )
    return check_in
