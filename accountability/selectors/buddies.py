"""A person's buddies, and the buddies page: buddies, invitations sent and received."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from accountability.models import MAX_BUDDIES, Invitation, Partnership
from careergoals.users.models import User

__all__ = ["BuddiesPage", "Buddy", "buddies_of", "buddies_page"]


def buddies_of(*, user) -> list:
    """This person's current buddies, each a user."""
    return list(
        User.objects.filter(pk__in=Partnership.objects.buddy_ids_of(user)).order_by("email")
    )


@dataclass
class Buddy:
    partnership: Partnership
    person: object  # the other user


@dataclass
class BuddiesPage:
    buddies: list[Buddy]
    sent: list[Invitation]
    received: list[Invitation]
    kept: list[Partnership] = field(default_factory=list)  # ended: the other deleted their account
    max_buddies: int = MAX_BUDDIES

    @property
    def has_room(self) -> bool:
        return len(self.buddies) < self.max_buddies


def _verified_addresses(user):
    """The user's verified addresses, lower-cased, as a subquery."""
    return (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )


def buddies_page(*, user) -> BuddiesPage:
    """Current buddies, invitations this person sent and is waiting on, and those sent to them.

    Two queries: the partnerships (current ones, and those kept after the other member
    deleted their account), then the pending invitations either way; each split here."""
    partnerships = (
        Partnership.objects.of(user)
        .filter(Q(ended_at__isnull=True) | Q(account_deleted=True))
        .select_related("user_low", "user_high")
        .order_by("created_at")
    )
    current, kept = [], []
    for partnership in partnerships:
        (current if partnership.ended_at is None else kept).append(partnership)
    kept.sort(key=lambda partnership: partnership.ended_at, reverse=True)
    # Expired ones this person sent stay listed, so they can be withdrawn and the address
    # invited again; those sent to them count only while they can still be accepted.
    invitations = Invitation.objects.filter(status=Invitation.Status.PENDING).filter(
        Q(inviter=user) | Q(expires_at__gt=timezone.now(), email__in=_verified_addresses(user))
    )
    sent, received = [], []
    for invitation in invitations.select_related("inviter"):
        (sent if invitation.inviter_id == user.pk else received).append(invitation)
    return BuddiesPage(
        buddies=[Buddy(p, p.other(user)) for p in current],
        sent=sent,
        received=received,
        kept=kept,
    )
