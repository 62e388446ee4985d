"""Invitations: the one behind an emailed link, one sent to my address, and its page."""

import hmac
from dataclasses import dataclass

from allauth.account.models import EmailAddress

from accountability.models import Invitation
from accountability.models.invitation import hash_token

__all__ = ["InvitationPage", "invitation_by_token", "invitation_page", "invitation_received"]


def invitation_by_token(*, token: str) -> Invitation | None:
    """The usable invitation behind a token, or None for unknown, used, expired or withdrawn."""
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    invitation = Invitation.objects.select_related("inviter").filter(token_hash=digest).first()
    if invitation is None or not hmac.compare_digest(invitation.token_hash, digest):
        return None
    return invitation if invitation.is_usable else None


def invitation_received(*, pk: int, user) -> Invitation | None:
    """A usable invitation addressed to one of this person's verified addresses."""
    emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
    invitation = (
        Invitation.objects.select_related("inviter").filter(pk=pk, email__in=emails).first()
    )
    return invitation if invitation is not None and invitation.is_usable else None


@dataclass
class InvitationPage:
    """What a person who opens an invitation link may do with it."""

    invitation: Invitation
    state: str  # "anonymous", "addressee", "unverified", "inviter" or "other_address"


def invitation_page(*, invitation: Invitation, user) -> InvitationPage:
    if not user.is_authenticated:
        return InvitationPage(invitation, "anonymous")
    if invitation.inviter_id == user.pk:
        return InvitationPage(invitation, "inviter")
    address = EmailAddress.objects.filter(user=user, email__iexact=invitation.email).first()
    if address is None:
        return InvitationPage(invitation, "other_address")
    return InvitationPage(invitation, "addressee" if address.verified else "unverified")
