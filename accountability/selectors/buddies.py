"""A person's buddies, and the buddies page: buddies, invitations sent and received."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
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
    """Current buddies, invitations this person sent and is waiting on, and those sent to them."""
    partnerships = (
        Partnership.objects.active()
        .of(user)
        .select_related("user_low", "user_high")
        .order_by("created_at")
    )
    pending = Invitation.objects.filter(status=Invitation.Status.PENDING)
    received = (
        pending.filter(expires_at__gt=timezone.now(), email__in=_verified_addresses(user))
        .exclude(inviter=user)
        .select_related("inviter")
    )
    return BuddiesPage(
        buddies=[Buddy(p, p.other(user)) for p in partnerships],
        # Expired ones stay listed, so they can be withdrawn and the address invited again.
        sent=list(pending.filter(inviter=user)),
        received=list(received),
        kept=list(Partnership.objects.of(user).filter(account_deleted=True).order_by("-ended_at")),
    )
