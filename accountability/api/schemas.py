"""What the buddies part of the API reads and writes."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from accountability.models import FORMER_BUDDY, BuddyCheckIn, BuddyCheckInEntry, Comment, Suggestion

CALENDAR_MAX_DAYS = 366


class BuddyPersonOut(Schema):
    """A person as their buddies see them. ``id`` is null once they deleted their account."""

    id: int | None
    name: str


class StrictIn(Schema):
    """An input: a field it does not know is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def person(user) -> dict:
    """A person, or how one who deleted their account is shown."""
    if user is None:
        return {"id": None, "name": str(FORMER_BUDDY)}
    return {"id": user.pk, "name": user.name}


class AgreementOut(Schema):
    """The rules a pair agreed: the current version, and who confirmed it."""

    version: int
    working_toward: str = Field(
        description="What each is working toward, and by when."  # not shown (API docs)
    )
    support: str = Field(description="How the two support each other.")  # not shown (API docs)
    cadence: Literal["weekly", "fortnightly", "monthly"]
    check_in_day: int = Field(description="0 is Monday, 6 is Sunday.")
    you_confirmed: bool = Field(
        description="You confirmed the current version."  # not shown (API docs)
    )
    both_confirmed: bool = Field(
        description="Both confirmed the current version."  # not shown (API docs)
    )


class BuddyOut(Schema):
    """One current partnership: the buddy, since when, the rules, what they share with you."""

    id: int = Field(
        description="The partnership's id: the buddy's page is /buddies/{id}/."  # not shown
    )
    buddy: BuddyPersonOut
    since: datetime.datetime
    agreement: AgreementOut | None = Field(
        description="Null until one of you writes rules."  # not shown (API docs)
    )
    shared_goals: int = Field(
        description="Goals of theirs you can see (not abandoned ones)."  # not shown (API docs)
    )
    check_ins_to_answer: int = Field(
        description="Their check-ins waiting for your answer."  # not shown (API docs)
    )


class CommentOut(Schema):
    """A comment on a goal or one of its steps, or a congratulation on an achieved goal."""

    id: int
    goal_id: int
    kind: Literal["comment", "congratulation"]
    micro_goal_id: int | None = Field(
        description="The step it is about; null: the whole goal."  # not shown (API docs)
    )
    author: BuddyPersonOut
    text: str
    created_at: datetime.datetime
    hidden: bool = Field(
        description="Hidden by the goal's owner: only the owner sees these."  # not shown
    )

    @staticmethod
    def resolve_author(comment: Comment) -> dict:
        return person(comment.author)

    @staticmethod
    def resolve_hidden(comment: Comment) -> bool:
        return comment.hidden_at is not None


class CommentIn(StrictIn):
    """A comment on a goal you can see; name one of its steps to comment on that step."""

    text: str
    micro_goal_id: int | None = None


class CongratulationIn(StrictIn):
    """Congratulations on an achieved goal of a buddy's."""

    text: str


class CommentHiddenIn(StrictIn):
    """The owner hides a comment from their buddies, or shows it again."""

    hidden: bool


class FeedbackOut(Schema):
    """A buddy's answer to “is this goal attainable?” (one per buddy, replaced when given
    again)."""

    id: int
    goal_id: int
    verdict: Literal["realistic", "stretch", "unrealistic"]
    comment: str
    author: BuddyPersonOut
    updated_at: datetime.datetime

    @staticmethod
    def resolve_author(feedback) -> dict:
        return person(feedback.author)


class FeedbackIn(StrictIn):
    """Your answer to “is this goal attainable?”, and why (optional)."""

    verdict: str = Field(description="realistic, stretch or unrealistic")
    comment: str = ""


class NudgeOut(Schema):
    """A friendly “how is it going?” email to the goal's owner: one per goal per day."""

    goal_id: int
    sent_on: datetime.date


class SuggestionOut(Schema):
    """A buddy's suggestion on a goal: a step to add, or a new deadline and/or target."""

    id: int
    goal_id: int
    kind: Literal["step", "change"]
    status: Literal["pending", "accepted", "declined"]
    author: BuddyPersonOut
    title: str = Field(description="A step: what it says.")  # not shown (the API docs are English)
    deadline: datetime.date | None = Field(
        description="A step: its suggested date."  # not shown (API docs)
    )
    resources: str
    helpers: str
    target_date: datetime.date | None = Field(
        description="A change: the new deadline."  # not shown (API docs)
    )
    target: Decimal | None = Field(description="A change: the new target.")  # not shown (API docs)
    why: str
    owner_note: str = Field(
        description="The owner's note with their answer."  # not shown (API docs)
    )
    micro_goal_id: int | None = Field(
        description="The step an accepted suggestion became."  # not shown (API docs)
    )
    created_at: datetime.datetime
    answered_at: datetime.datetime | None

    @staticmethod
    def resolve_author(suggestion: Suggestion) -> dict:
        return person(suggestion.author)


class SuggestionIn(StrictIn):
    """A step (``kind`` "step": title, and optionally why, deadline, resources, helpers) or a
    change (``kind`` "change": why, and a new target_date and/or target)."""

    kind: Literal["step", "change"]
    title: str = ""
    why: str = ""
    deadline: datetime.date | None = None
    resources: str = ""
    helpers: str = ""
    target_date: datetime.date | None = None
    target: Decimal | None = None


class SuggestionAcceptIn(StrictIn):
    """Accept as suggested, or with changes: a step's fields (title, action_plan, deadline,
    resources, helpers) or a change's (target_date, target); and a note for the buddy."""

    note: str = ""
    title: str | None = None
    action_plan: str | None = None
    deadline: datetime.date | None = None
    resources: str | None = None
    helpers: str | None = None
    target_date: datetime.date | None = None
    target: Decimal | None = None


class SuggestionDeclineIn(StrictIn):
    """Decline, with a note for the buddy (optional)."""

    note: str = ""


class CheckInEntryOut(Schema):
    """What a check-in says about one goal (only goals you can see are listed)."""

    goal_id: int
    goal_statement: str
    moved: str
    next_up: str
    in_the_way: str
    confidence: int | None

    @staticmethod
    def resolve_goal_statement(entry: BuddyCheckInEntry) -> str:
        return entry.goal.statement


class BuddyCheckInOut(Schema):
    """One person's check-in with their buddy for an agreed day, and the buddy's answer."""

    id: int
    partnership_id: int
    author: BuddyPersonOut
    due_on: datetime.date = Field(description="The agreed day it answers.")  # not shown (API docs)
    written_at: datetime.datetime
    reaction: Literal["", "cheer", "strong", "hug", "idea"] = Field(
        description="The buddy's reaction; empty until they answered."  # not shown (API docs)
    )
    reply: str
    acknowledged_at: datetime.datetime | None
    acknowledged_by: BuddyPersonOut | None
    entries: list[CheckInEntryOut] = Field(
        description="Only about goals you can see."  # not shown (API docs)
    )

    @staticmethod
    def resolve_author(check_in: BuddyCheckIn) -> dict:
        return person(check_in.author)

    @staticmethod
    def resolve_acknowledged_by(check_in: BuddyCheckIn) -> dict | None:
        return person(check_in.acknowledged_by) if check_in.is_acknowledged else None

    @staticmethod
    def resolve_entries(check_in: BuddyCheckIn) -> list:
        return check_in.visible_entries  # set by the route: check_in_visible_entries


class CheckInDraftOut(Schema):
    """One goal you share with this buddy, and what the form starts with for it: this
    period's words if written, else the steps ticked since the last check-in and the next."""

    goal_id: int
    goal_statement: str
    moved: str
    next_up: str
    in_the_way: str
    confidence: int | None


class CheckInPeriodOut(Schema):
    """This period's check-in with a buddy, as its page starts: the agreed day it answers,
    the goals to write about, and what you wrote already (if anything)."""

    partnership_id: int
    due_on: datetime.date
    rhythm_agreed: bool = Field(
        description="Both confirmed the rules' rhythm; else the day is today."  # not shown
    )
    since: datetime.date | None = Field(description="The day of your last check-in.")  # not shown
    goals: list[CheckInDraftOut]
    written: BuddyCheckInOut | None = Field(
        description="This period's, once written; it can change until answered."  # not shown
    )


class CheckInEntryIn(StrictIn):
    """What moved, what's next and what's in the way on one goal you share with this buddy,
    and how confident you are (1 to 5)."""

    goal_id: int
    moved: str = ""
    next_up: str = ""
    in_the_way: str = ""
    confidence: int | None = None


class BuddyCheckInIn(StrictIn):
    """This period's check-in: written again (replacing it) until the buddy answered."""

    entries: list[CheckInEntryIn]


class CheckInAnswerIn(StrictIn):
    """The buddy's answer: a reaction (cheer, strong, hug or idea) and an optional reply."""

    reaction: str
    reply: str = ""


class CalendarEventOut(Schema):
    """One entry of the calendar, in the viewer's words and time zone."""

    id: str = Field(description='Stable: "goal-12", "step-40", "review-3".')
    kind: Literal["my_goal", "my_step", "buddy_goal", "buddy_step", "review"]
    title: str
    short: str
    day: datetime.date = Field(
        description="The deadline, or the meeting's day where you live."  # not shown (API docs)
    )
    url: str = Field(description="The page it links to.")  # not shown (the API docs are English)
    detail: str
    starts_at: datetime.datetime | None = Field(
        description="Review meetings only."  # not shown (API docs)
    )
    ends_at: datetime.datetime | None
    place: str
    tentative: bool = Field(
        description="A proposed meeting, not agreed yet."  # not shown (API docs)
    )

    @staticmethod
    def resolve_id(event) -> str:
        return event.uid

    @staticmethod
    def resolve_kind(event) -> str:
        return event.kind.key


class CalendarRange(Schema):
    """The days asked for, both included."""

    start: datetime.date = Field(description="The first day, YYYY-MM-DD.")  # not shown (API docs)
    end: datetime.date = Field(description=f"The last day (up to {CALENDAR_MAX_DAYS} days on).")
