from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import Agreement, AgreementConfirmation, Partnership
from accountability.reminders import arm_check_in_prompts
from careergoals.notifications.services import notify

__all__ = ["agreement_confirm", "agreement_save"]


def _check_member(partnership: Partnership, user) -> None:
    if not partnership.includes(user) or not partnership.is_active:
        raise ValidationError(_("Only the two buddies can change their rules."))


@transaction.atomic
def agreement_save(
    *,
    partnership: Partnership,
    by,
    working_toward: str,
    support: str,
    cadence: str,
    check_in_day: int | str | None = None,
) -> Agreement:
    """Write or edit the rules; an edit is a new version that both confirm again."""
    _check_member(partnership, by)
    agreement = Agreement.objects.select_for_update().filter(partnership=partnership).first()
    values = {
        "working_toward": working_toward.strip(),
        "support": support.strip(),
        "cadence": Agreement.Cadence(cadence),
    }
    if check_in_day not in (None, ""):
        values["check_in_day"] = int(check_in_day)
    if agreement is None:
        agreement = Agreement(partnership=partnership, **values)
    elif all(getattr(agreement, k) == v for k, v in values.items()):
        return agreement
    else:
        for name, value in values.items():
            setattr(agreement, name, value)
        agreement.version += 1
    agreement.updated_by = by
    agreement.full_clean()
    agreement.save()
    # Whoever writes a version agrees to it; the other side is asked to confirm.
    AgreementConfirmation.objects.create(agreement=agreement, user=by, version=agreement.version)
    arm_check_in_prompts(partnership)  # a version one of them has not confirmed: none for now
    other = partnership.other(by)
    notify(
        kind="rules_to_confirm",
        recipient=other,
        subject=format_lazy(
            gettext_lazy("{name} wrote your buddy rules: please confirm"), name=by.name
        ),
        template="rules_to_confirm",
        context={"author": by, "agreement": agreement},
        url=reverse("buddies:partnership_detail", args=[partnership.pk]),
    )
    return agreement


@transaction.atomic
def agreement_confirm(*, agreement: Agreement, by, version: int) -> AgreementConfirmation:
    _check_member(agreement.partnership, by)
    if version != agreement.version:
        raise ValidationError(
            _("The rules changed while you were reading. Read them again, then confirm.")
        )
    confirmation, _created = AgreementConfirmation.objects.get_or_create(
        agreement=agreement, user=by, version=version
    )
    confirmed = (
        AgreementConfirmation.objects.filter(agreement=agreement, version=agreement.version)
        .values("user_id")
        .distinct()
        .count()
    )
    if agreement.check_ins_since is None and confirmed >= 2:
        # Both said yes for the first time: the check-in rhythm starts today.
        agreement.check_ins_since = timezone.now()
        agreement.save(update_fields=["check_ins_since"])
    arm_check_in_prompts(agreement.partnership)
    return confirmation
