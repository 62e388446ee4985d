"""Check-ins with a buddy: the rhythm in force, this period's check-in, what a page shows."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

from accountability.models import Agreement, AgreementConfirmation, BuddyCheckIn, Partnership
from accountability.models.check_in import PERIOD_WORDS, agreed_day_on_or_before
from careergoals.users.timezones import user_zone
from goals.models import Goal, MicroGoal

__all__ = [
    "CheckInPage",
    "check_in_for",
    "check_in_period",
    "check_in_rhythm",
    "check_in_visible_entries",
    "check_in_write_page",
    "check_ins_shared_goals",
]

STREAK_PERIODS = 8
PERIOD_DAYS = 7  # with no earlier check-in, "since the last one" means the last week


def check_in_rhythm(*, partnership: Partnership) -> Agreement | None:
    """The pair's rules when both confirmed their current version (so the rhythm is agreed),
    else None: prompts wait until both have said yes."""
    agreement = Agreement.objects.filter(partnership=partnership).first()
    if agreement is None or agreement.check_ins_since is None:
        return None
    confirmed = (
        AgreementConfirmation.objects.filter(agreement=agreement, version=agreement.version)
        .values("user_id")
        .distinct()
        .count()
    )
    return agreement if confirmed >= 2 else None


def rhythm_is_agreed(*, agreement: Agreement | None, confirmations: dict) -> bool:
    """The same answer as ``check_in_rhythm`` from what a page already read."""
    return (
        agreement is not None
        and agreement.check_ins_since is not None
        and bool(confirmations)
        and all(c["current"] for c in confirmations.values())
    )


def check_in_period(*, agreement: Agreement | None, user, now=None) -> datetime.date:
    """The agreed day a check-in written now answers, where this person lives: the latest
    agreed day up to today; today when the pair has no agreed rhythm."""
    today = (now or timezone.now()).astimezone(user_zone(user)).date()
    if agreement is None:
        return today
    return agreed_day_on_or_before(
        cadence=agreement.cadence, weekday=agreement.check_in_day, day=today
    )


def check_ins_shared_goals(*, owner, buddy) -> list[Goal]:
    """The owner's open goals this buddy may see: what a check-in with them is about."""
    return list(
        Goal.objects.visible_to(buddy)
        .filter(owner=owner, status__in=[Goal.Status.DRAFT, Goal.Status.ACTIVE])
        .order_by("target_date", "id")
    )


def check_in_for(*, user, pk: int) -> BuddyCheckIn | None:
    """A check-in of a current partnership this person is part of, or None (a 404)."""
    return (
        BuddyCheckIn.objects.filter(
            pk=pk, partnership__in=Partnership.objects.active().of(user).values("pk")
        )
        .select_related(
            "partnership__user_low", "partnership__user_high", "author", "acknowledged_by"
        )
        .first()
    )


def check_in_visible_entries(*, check_in: BuddyCheckIn, viewer) -> list:
    """What the check-in says about each goal this viewer may see (a goal made private since
    drops out of the buddy's view)."""
    visible = Goal.objects.visible_to(viewer).filter(owner_id=check_in.author_id).values("pk")
    return list(
        check_in.entries.filter(goal_id__in=visible)
        .select_related("goal")
        .order_by("goal__target_date", "goal_id")
    )


@dataclass
class CheckInPage:
    partnership: Partnership
    other: object
    due_on: datetime.date
    rhythm: Agreement | None
    goals: list[Goal]
    existing: BuddyCheckIn | None
    entries: dict = field(default_factory=dict)  # goal pk -> entry of the existing check-in
    done_steps: dict = field(default_factory=dict)  # goal pk -> steps ticked since the last
    next_steps: dict = field(default_factory=dict)  # goal pk -> the next open step
    since: datetime.date | None = None

    def prefill(self, goal: Goal) -> dict:
        """What the form starts with for a goal: this period's words if written, else the
        steps ticked since the last check-in under "what moved" and the next one to do."""
        entry = self.entries.get(goal.pk)
        if entry is not None:
            return {
                "moved": entry.moved,
                "next_up": entry.next_up,
                "in_the_way": entry.in_the_way,
                "confidence": entry.confidence,
            }
        done = self.done_steps.get(goal.pk, [])
        step = self.next_steps.get(goal.pk)
        return {
            "moved": "\n".join(gettext("Done: %(step)s") % {"step": s.title} for s in done),
            "next_up": step.title if step else "",
        }


def check_in_write_page(*, partnership: Partnership, user, now=None) -> CheckInPage:
    """Everything the check-in page needs, in a fixed number of queries."""
    other = partnership.other(user)
    rhythm = check_in_rhythm(partnership=partnership)
    due_on = check_in_period(agreement=rhythm, user=user, now=now)
    goals = check_ins_shared_goals(owner=user, buddy=other)
    mine = BuddyCheckIn.objects.filter(partnership=partnership, author=user)
    existing = mine.filter(due_on=due_on).select_related("acknowledged_by").first()
    last = mine.filter(due_on__lt=due_on).order_by("-due_on").first()
    page = CheckInPage(
        partnership=partnership,
        other=other,
        due_on=due_on,
        rhythm=rhythm,
        goals=goals,
        existing=existing,
        since=last.written_at.astimezone(user_zone(user)).date() if last else None,
    )
    if existing is not None:
        page.entries = {e.goal_id: e for e in existing.entries.all()}
    if goals:
        steps = MicroGoal.objects.filter(goal__in=goals).order_by(
            "goal_id", "deadline", "position", "id"
        )
        since = page.since or (due_on - datetime.timedelta(days=PERIOD_DAYS))
        for step in steps.only("goal_id", "title", "status", "completed_on", "deadline"):
            if step.status == MicroGoal.Status.DONE and step.completed_on >= since:
                page.done_steps.setdefault(step.goal_id, []).append(step)
            elif not step.is_closed and step.goal_id not in page.next_steps:
                page.next_steps[step.goal_id] = step
    return page


# The partnership page: the rhythm, the streak and the timeline --------------------------------


@dataclass
class TimelineEvent:
    when: datetime.datetime
    kind: str  # "check_in", "missed", "review", "achieved"
    who: object = None
    check_in: BuddyCheckIn | None = None
    meeting: object = None
    goal: Goal | None = None
    day: datetime.date | None = None


@dataclass
class Rhythm:
    agreed: bool
    period_word: str = ""
    due_on: datetime.date | None = None  # my current period
    written: BuddyCheckIn | None = None  # my check-in for it, if any
    streaks: list = field(default_factory=list)  # [{"who", "is_me", "kept", "of"}]
    missed: datetime.date | None = None  # my latest missed agreed day, if the last one
    timeline: list[TimelineEvent] = field(default_factory=list)
    to_answer: list[BuddyCheckIn] = field(default_factory=list)


TIMELINE_LIMIT = 10
ANSWER_LIMIT = 3  # the newest check-ins waiting for my answer


def _agreed_days(agreement: Agreement, *, today: datetime.date, count: int) -> list:
    """The last ``count`` agreed days up to today, newest first: the current period's day,
    then earlier ones from the day the rhythm was agreed."""
    start = agreement.check_ins_since.date()
    day = agreed_day_on_or_before(
        cadence=agreement.cadence, weekday=agreement.check_in_day, day=today
    )
    days = [day]
    while len(days) < count:
        day = agreed_day_on_or_before(
            cadence=agreement.cadence,
            weekday=agreement.check_in_day,
            day=day - datetime.timedelta(days=1),
        )
        if day < start:
            break
        days.append(day)
    return days


def partnership_rhythm(
    *, partnership, me, other, agreement, confirmations, goals, reviews, now=None
) -> Rhythm:
    """The check-in part of the partnership page: 2 queries whatever the history."""
    agreed = rhythm_is_agreed(agreement=agreement, confirmations=confirmations)
    rhythm = Rhythm(agreed=agreed)
    check_ins = list(
        BuddyCheckIn.objects.filter(partnership=partnership)
        .select_related("acknowledged_by")
        .order_by("-due_on", "-id")[:60]
    )
    people = {me.pk: me, other.pk: other}
    for check_in in check_ins:
        check_in.author = people.get(check_in.author_id)
    events = [
        TimelineEvent(c.written_at, "check_in", who=c.author, check_in=c) for c in check_ins[:20]
    ]
    rhythm.to_answer = [c for c in check_ins if c.author_id == other.pk and not c.is_acknowledged][
        :ANSWER_LIMIT
    ]
    if agreed:
        rhythm.period_word = PERIOD_WORDS[agreement.cadence]
        today = (now or timezone.now()).astimezone(user_zone(me)).date()
        days = _agreed_days(agreement, today=today, count=STREAK_PERIODS + 1)
        written = {(c.author_id, c.due_on): c for c in check_ins}
        rhythm.due_on = days[0]
        rhythm.written = written.get((me.pk, days[0]))
        for person in (me, other):
            # The current period counts once written; until then the streak looks back.
            closed = days if (person.pk, days[0]) in written else days[1:]
            window = closed[:STREAK_PERIODS]
            kept = sum((person.pk, d) in written for d in window)
            rhythm.streaks.append(
                {"who": person, "is_me": person == me, "kept": kept, "of": len(window)}
            )
            for day in days[1:]:
                if (person.pk, day) not in written:
                    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=user_zone(me))
                    events.append(TimelineEvent(moment, "missed", who=person, day=day))
        if len(days) > 1 and (me.pk, days[1]) not in written:
            rhythm.missed = days[1]
    events += [
        TimelineEvent(m.held_at or m.starts_at, "review", meeting=m)
        for m in reviews
        if m.held_at or m.starts_at
    ]
    events += [
        TimelineEvent(g.achieved_at, "achieved", who=people.get(g.owner_id), goal=g)
        for g in goals
        if g.achieved_at is not None
    ]
    events.sort(key=lambda event: event.when, reverse=True)
    rhythm.timeline = events[:TIMELINE_LIMIT]
    return rhythm
