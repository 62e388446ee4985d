"""A partnership: its page (rules, shared goals, reviews, what happened) and the record kept
after the buddy deleted their account."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accountability.models import Agreement, Comment, Partnership, ReviewMeeting
from goals.models import CheckIn, Goal

from .agreements import agreement_status
from .check_ins import partnership_rhythm
from .reviews import UPCOMING_REVIEW

__all__ = [
    "Activity",
    "KeptPartnershipPage",
    "PartnershipPage",
    "active_partnership",
    "kept_partnership_page",
    "partnership_for",
    "partnership_kept_for",
    "partnership_page",
]

ACTIVITY_LIMIT = 10
PAST_REVIEWS = 4


def active_partnership(*, a, b) -> Partnership | None:
    """The current partnership between these two people, if they are buddies."""
    return Partnership.objects.active().between(a, b).first()


def partnership_for(*, user, pk: int) -> Partnership:
    """An active partnership this person is part of; DoesNotExist for anyone else or once ended."""
    return Partnership.objects.active().of(user).select_related("user_low", "user_high").get(pk=pk)


@dataclass
class Activity:
    when: datetime.datetime
    kind: str  # "comment", "congratulation", "check_in" or "achieved"
    who: object
    goal: Goal
    text: str = ""
    value: object = None


@dataclass
class PartnershipPage:
    partnership: Partnership
    me: object
    other: object
    agreement: Agreement | None
    confirmations: dict = field(default_factory=dict)
    theirs: list[Goal] = field(default_factory=list)  # their goals I can see
    mine: list[Goal] = field(default_factory=list)  # my goals they can see
    next_review: ReviewMeeting | None = None
    past_reviews: list[ReviewMeeting] = field(default_factory=list)
    activity: list[Activity] = field(default_factory=list)
    rhythm: object = None  # check-ins with the buddy: the streak and the timeline

    @property
    def people(self) -> list[dict]:
        """Me first, then my buddy; each with their confirmation of the rules."""
        return [
            {
                "user": person,
                "is_me": person.pk == self.me.pk,
                **self.confirmations.get(person.pk, {}),
            }
            for person in (self.me, self.other)
        ]

    @property
    def i_confirmed(self) -> bool:
        return bool(self.confirmations.get(self.me.pk, {}).get("current"))

    @property
    def both_confirmed(self) -> bool:
        return bool(self.confirmations) and all(c["current"] for c in self.confirmations.values())


def _agreement(partnership: Partnership) -> Agreement | None:
    agreement = (
        Agreement.objects.filter(partnership=partnership)
        .select_related("updated_by")
        .prefetch_related("confirmations")
        .first()
    )
    if agreement is not None:
        agreement.partnership = partnership
    return agreement


def _shared_goals(*, owner, viewer) -> list[Goal]:
    """The owner's goals this viewer may see, through the one access check."""
    return list(
        Goal.objects.visible_to(viewer)
        .filter(owner=owner)
        .exclude(status=Goal.Status.ABANDONED)
        .order_by("target_date", "id")
    )


def _activity(page: PartnershipPage) -> list[Activity]:
    """The last few things that happened on goals shared between the two, by either of them."""
    goals = {goal.pk: goal for goal in page.theirs + page.mine}
    people = {page.me.pk: page.me, page.other.pk: page.other}
    events = [
        Activity(goal.achieved_at, "achieved", people[goal.owner_id], goal)
        for goal in goals.values()
        if goal.achieved_at is not None
    ]
    comments = Comment.objects.filter(
        goal_id__in=goals, author_id__in=people, hidden_at__isnull=True
    ).order_by("-created_at", "-id")[:ACTIVITY_LIMIT]
    events += [
        Activity(c.created_at, c.kind, people[c.author_id], goals[c.goal_id], text=c.text)
        for c in comments
    ]
    check_ins = CheckIn.objects.filter(goal_id__in=goals).order_by("-created_at", "-id")[
        :ACTIVITY_LIMIT
    ]
    events += [
        Activity(
            c.created_at,
            "check_in",
            people[goals[c.goal_id].owner_id],
            goals[c.goal_id],
            c.note,
            c.value,
        )
        for c in check_ins
    ]
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:ACTIVITY_LIMIT]


def partnership_page(*, partnership: Partnership, user) -> PartnershipPage:
    other = partnership.other(user)
    me = partnership.user_low if partnership.user_low_id == user.pk else partnership.user_high
    agreement = _agreement(partnership)
    page = PartnershipPage(
        partnership=partnership,
        me=me,
        other=other,
        agreement=agreement,
        confirmations=agreement_status(agreement=agreement) if agreement else {},
        theirs=_shared_goals(owner=other, viewer=me),
        mine=_shared_goals(owner=me, viewer=other),
        next_review=partnership.review_meetings.filter(
            status__in=UPCOMING_REVIEW, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first(),
        past_reviews=list(
            partnership.review_meetings.filter(status=ReviewMeeting.Status.HELD).order_by(
                "-starts_at"
            )[:PAST_REVIEWS]
        ),
    )
    if page.theirs or page.mine:
        page.activity = _activity(page)
    page.rhythm = partnership_rhythm(
        partnership=partnership,
        me=me,
        other=other,
        agreement=agreement,
        confirmations=page.confirmations,
        goals=page.theirs + page.mine,
        reviews=page.past_reviews,
    )
    return page


# A partnership kept after the other person deleted their account -----------------------------


def partnership_kept_for(*, user, pk: int) -> Partnership | None:
    """A partnership that ended because the other member deleted their account, or None."""
    return Partnership.objects.of(user).filter(pk=pk, account_deleted=True).first()


@dataclass
class KeptPartnershipPage:
    """What the one who stayed keeps: the rules they agreed and the review meetings."""

    partnership: Partnership
    agreement: Agreement | None
    my_confirmation: object  # the latest version of the rules I confirmed, if any
    meetings: list[ReviewMeeting]


def kept_partnership_page(*, partnership: Partnership, user) -> KeptPartnershipPage:
    agreement = (
        Agreement.objects.filter(partnership=partnership).prefetch_related("confirmations").first()
    )
    mine = [c for c in agreement.confirmations.all() if c.user_id == user.pk] if agreement else []
    return KeptPartnershipPage(
        partnership=partnership,
        agreement=agreement,
        my_confirmation=max(mine, key=lambda c: c.version, default=None),
        meetings=list(partnership.review_meetings.order_by("-starts_at")),
    )
