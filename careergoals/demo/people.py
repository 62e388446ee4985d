"""The demo people, their buddies, the rules they agreed and their review meetings."""

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accountability.models import Agreement, AgreementConfirmation, Partnership, ReviewMeeting
from careergoals.users.models import User

from . import words
from .writer import Writer

DOMAIN = "demo.test"
PASSWORD = "demo-password-2026"  # noqa: S105 - printed for anyone trying the demo


@dataclass(frozen=True)
class Shape:
    """A named person's fixed shape: how many goals and steps, buddies and where they live."""

    email: str
    name: str
    zone: str
    goals: int
    steps_per_goal: int
    buddies: int


TYPICAL = Shape(f"typical@{DOMAIN}", "Tess Typical", "Europe/Berlin", 10, 8, 2)
HEAVY = Shape(f"heavy@{DOMAIN}", "Hugo Heavy", "America/New_York", 100, 20, 5)
NAMED = (TYPICAL, HEAVY)
MIN_OTHERS = 4  # the heavy person's buddies besides the typical one


@dataclass
class Person:
    user: User
    steps_per_goal: list[int]
    buddies: list["Person"] = field(default_factory=list)
    named: bool = False


def people_rows(writer: Writer, rng: random.Random, *, others: int, steps: int) -> list[Person]:
    """The named people, then ``others`` people with 1-12 goals sharing ``steps`` steps."""
    ids = writer.ids(User, len(NAMED) + others)
    now = writer.now
    people = []
    for pk, shape in zip(ids, NAMED, strict=False):
        user = _user(pk, shape.email, shape.name, shape.zone, now - datetime.timedelta(days=400))
        people.append(Person(user, [shape.steps_per_goal] * shape.goals, named=True))
    goal_counts = [rng.randint(1, 12) for _ in range(others)]
    per_goal = _spread(rng, steps, sum(goal_counts))
    for i, pk in enumerate(ids[len(NAMED) :]):
        first = words.FIRST_NAMES[i % len(words.FIRST_NAMES)]
        joined = now - datetime.timedelta(days=rng.randint(30, 700), minutes=rng.randint(0, 1439))
        user = _user(
            pk, f"person{i + 1}@{DOMAIN}", f"{first} {i + 1}", rng.choice(words.ZONES), joined
        )
        people.append(Person(user, [per_goal.pop() for _ in range(goal_counts[i])]))
    password = make_password(PASSWORD)  # hashed once: every demo person shares it
    writer.insert(
        User,
        ["id", "email", "display_name", "timezone", "password", "date_joined", "welcomed_at"],
        [
            (
                p.user.pk,
                p.user.email,
                p.user.display_name,
                p.user.timezone,
                password,
                p.user.date_joined,
                p.user.date_joined + datetime.timedelta(minutes=5),
            )
            for p in people
        ],
    )
    writer.insert(
        EmailAddress,
        ["id", "user_id", "email", "verified", "primary"],
        [
            (pk, p.user.pk, p.user.email, True, True)
            for pk, p in zip(writer.ids(EmailAddress, len(people)), people, strict=True)
        ],
    )
    return people


def _user(pk, email, name, zone, joined) -> User:
    return User(pk=pk, email=email, display_name=name, timezone=zone, date_joined=joined)


def _spread(rng: random.Random, total: int, slots: int) -> list[int]:
    """``total`` split over ``slots`` unevenly (some goals have many steps, some few)."""
    if slots == 0:
        return []
    weights = [rng.uniform(0.3, 1.7) for _ in range(slots)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in rng.sample(range(slots), total - sum(counts)):
        counts[i] += 1
    return counts


# --- Buddies ----------------------------------------------------------------------------------


def pair_up(rng: random.Random, people: list[Person]) -> list[tuple[Person, Person]]:
    """Typical has heavy and one other; heavy has typical and four others; the others pair up
    at random, never more than five buddies each (what the app allows)."""
    typical, heavy, *others = people
    pairs = [(typical, heavy), (typical, others[0])] + [(heavy, o) for o in others[:4]]
    for a, b in pairs:
        a.buddies.append(b)
        b.buddies.append(a)
    for person in others:
        for _ in range(rng.randint(0, 2)):
            other = rng.choice(others)
            if (
                other is person
                or other in person.buddies
                or len(person.buddies) >= 5
                or len(other.buddies) >= 5
            ):
                continue
            pairs.append((person, other))
            person.buddies.append(other)
            other.buddies.append(person)
    return pairs


def partnership_rows(writer: Writer, rng: random.Random, pairs) -> list[ReviewMeeting]:
    """Active partnerships with rules both confirmed, a held review and one agreed ahead.

    Returns the meetings still to come, whose day-before reminders are planned."""
    now = writer.now
    pair_ids = writer.ids(Partnership, len(pairs))
    agreement_ids = writer.ids(Agreement, len(pairs))
    partnerships, rows, agreements, confirmations = [], [], [], []
    for pk, agreement_pk, (a, b) in zip(pair_ids, agreement_ids, pairs, strict=True):
        low, high = sorted((a.user, b.user), key=lambda u: u.pk)
        since = max(low.date_joined, high.date_joined) + datetime.timedelta(days=rng.randint(1, 20))
        since = min(since, now - datetime.timedelta(days=2))
        partnerships.append(Partnership(pk=pk, user_low=low, user_high=high, created_at=since))
        rows.append((pk, low.pk, high.pk, since))
        cadence = rng.choice(Agreement.Cadence.values)
        agreed = since + datetime.timedelta(hours=2)
        agreements.append(
            (
                agreement_pk,
                pk,
                1,
                words.AGREEMENT_TOWARD,
                words.AGREEMENT_SUPPORT,
                cadence,
                low.pk,
                agreed,
            )
        )
        for user in (low, high):
            confirmations.append((agreement_pk, user.pk, 1, agreed))
    writer.insert(Partnership, ["id", "user_low_id", "user_high_id", "created_at"], rows)
    writer.insert(
        Agreement,
        [
            "id",
            "partnership_id",
            "version",
            "working_toward",
            "support",
            "cadence",
            "updated_by_id",
            "updated_at",
        ],
        agreements,
    )
    writer.insert(
        AgreementConfirmation,
        ["id", "agreement_id", "user_id", "version", "confirmed_at"],
        [
            (pk, *row)
            for pk, row in zip(
                writer.ids(AgreementConfirmation, len(confirmations)), confirmations, strict=True
            )
        ],
    )
    return _meeting_rows(writer, rng, partnerships)


def _meeting_rows(writer: Writer, rng: random.Random, partnerships) -> list[ReviewMeeting]:
    now = writer.now
    held, ahead = [], []
    for pair in partnerships:
        if now - pair.created_at > datetime.timedelta(days=14):
            start = pair.created_at + datetime.timedelta(days=rng.randint(7, 13), hours=2)
            held.append((pair, start))
        start = (now + datetime.timedelta(days=rng.randint(3, 20))).replace(
            minute=0, second=0, microsecond=0
        )
        status = rng.choice([ReviewMeeting.Status.ACCEPTED, ReviewMeeting.Status.PROPOSED])
        ahead.append(ReviewMeeting(partnership=pair, starts_at=start, status=status))
    ids = writer.ids(ReviewMeeting, len(held) + len(ahead))
    for pk, meeting in zip(ids[len(held) :], ahead, strict=True):
        meeting.pk = meeting.id = pk
    names = [
        "id",
        "partnership_id",
        "proposed_by_id",
        "starts_at",
        "duration_minutes",
        "place",
        "status",
        "responded_at",
        "notes",
        "held_at",
        "created_at",
    ]
    rows = [
        (
            pk,
            pair.pk,
            pair.user_low.pk,
            start,
            60,
            rng.choice(words.REVIEW_PLACES),
            "held",
            start - datetime.timedelta(days=3),
            words.REVIEW_NOTES,
            start + datetime.timedelta(minutes=55),
            start - datetime.timedelta(days=4),
        )
        for pk, (pair, start) in zip(ids, held, strict=False)
    ]
    rows += [
        (
            m.pk,
            m.partnership.pk,
            m.partnership.user_high.pk,
            m.starts_at,
            45,
            rng.choice(words.REVIEW_PLACES),
            m.status,
            now - datetime.timedelta(hours=1) if m.status == "accepted" else None,
            "",
            None,
            now - datetime.timedelta(days=1),
        )
        for m in ahead
    ]
    writer.insert(ReviewMeeting, names, rows)
    return ahead
