"""The buddy rules: who confirmed which version."""

from accountability.models import Agreement, AgreementConfirmation

__all__ = ["agreement_status"]


def agreement_status(*, agreement: Agreement) -> dict:
    """For each member: the latest version they confirmed, and whether it is the current one."""
    latest: dict[int, AgreementConfirmation] = {}
    for confirmation in agreement.confirmations.all():
        if (
            confirmation.user_id not in latest
            or confirmation.version > latest[confirmation.user_id].version
        ):
            latest[confirmation.user_id] = confirmation
    return {
        user.pk: {
            "user": user,
            "confirmation": latest.get(user.pk),
            "current": latest.get(user.pk) is not None
            and latest[user.pk].version == agreement.version,
        }
        for user in agreement.partnership.members()
    }
