"""Invitations by email: a single-use, expiring token bound to the invited address."""

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.models import MAX_BUDDIES, Invitation, Partnership
from accountability.models.invitation import INVITATION_DAYS, hash_token, new_token
from accountability.selectors import active_partnership, invitation_by_token
from careergoals.notifications.services import notify

from .partnerships import partnership_create

__all__ = [
    "INVITATIONS_PER_DAY",
    "invitation_accept",
    "invitation_create",
    "invitation_decline",
    "invitation_revoke",
]

INVITATIONS_PER_DAY = 20


def _normalise(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


def _is_own_address(user, email: str) -> bool:
    return (
        user.email.lower() == email
        or EmailAddress.objects.filter(user=user, email__iexact=email).exists()
    )


@transaction.atomic
def invitation_create(*, inviter, email: str, message: str = "") -> tuple[Invitation, str]:
    """Invite someone by email. Returns the invitation and the raw token (sent, never stored)."""
    email = _normalise(email)
    if _is_own_address(inviter, email):
        raise ValidationError({"email": _("That’s your own address: invite someone else.")})
    since = timezone.now() - datetime.timedelta(days=1)
    if inviter.invitations_sent.filter(created_at__gte=since).count() >= INVITATIONS_PER_DAY:
        raise ValidationError(
            _("You have sent %(count)s invitations today. Please try again tomorrow.")
            % {"count": INVITATIONS_PER_DAY}
        )
    if Partnership.objects.active().of(inviter).count() >= MAX_BUDDIES:
        raise ValidationError(
            _("You already have %(count)s buddies. End a partnership to invite someone new.")
            % {"count": MAX_BUDDIES}
        )
    buddy = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user")
    existing = buddy.first()
    if existing and active_partnership(a=inviter, b=existing.user):
        raise ValidationError({"email": _("You are already buddies with this person.")})
    if inviter.invitations_sent.filter(email=email, status=Invitation.Status.PENDING).exists():
        raise ValidationError(
            {"email": _("You have already invited this address. Withdraw that invitation first.")}
        )
    token = new_token()
    invitation = Invitation.objects.create(
        inviter=inviter,
        email=email,
        message=message.strip(),
        token_hash=hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    notify(
        kind="invitation",
        to_email=email,
        # To an address, maybe of no account yet: in the inviter's language.
        subject=format_lazy(
            gettext_lazy("{name} invites you to be their accountability buddy"), name=inviter.name
        ),
        template="invitation",
        context={"invitation": invitation, "inviter": inviter, "days": INVITATION_DAYS},
        url=reverse("buddies:invitation_respond", args=[token]),
    )
    return invitation, token


def _holds_address(user, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def invitation_accept(
    *, user, token: str = "", invitation: Invitation | None = None
) -> Partnership:
    """Accept by the emailed token, or, from the buddies page, an invitation to your address."""
    if invitation is None:
        invitation = invitation_by_token(token=token)
    if invitation is None:
        raise ValidationError(_("This invitation can’t be used."))
    # None when it went while we waited for the lock (the inviter deleted their account).
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None or not invitation.is_usable:
        raise ValidationError(_("This invitation can’t be used."))
    if not _holds_address(user, invitation.email):
        raise ValidationError(
            _(
                "This invitation was sent to %(email)s. Sign in with that address "
                "(or add and verify it in your account) to accept it."
            )
            % {"email": invitation.email}
        )
    partnership = partnership_create(a=invitation.inviter, b=user)
    invitation.status = Invitation.Status.ACCEPTED
    invitation.invitee = user
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "invitee", "responded_at"])
    notify(
        kind="invitation_accepted",
        recipient=invitation.inviter,
        subject=format_lazy(
            gettext_lazy("{name} is now your accountability buddy"), name=user.name
        ),
        template="invitation_accepted",
        context={"buddy": user},
        url=reverse("buddies:partnership_detail", args=[partnership.pk]),
    )
    return partnership


@transaction.atomic
def invitation_decline(
    *, user, token: str = "", invitation: Invitation | None = None
) -> Invitation:
    if invitation is None:
        invitation = invitation_by_token(token=token)
    if invitation is None or not invitation.is_usable or not _holds_address(user, invitation.email):
        raise ValidationError(_("This invitation can’t be used."))
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    if invitation.inviter_id != by.pk:
        raise ValidationError(_("Only the person who sent an invitation can withdraw it."))
    if invitation.status == Invitation.Status.PENDING:
        invitation.status = Invitation.Status.REVOKED
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at"])
    return invitation
