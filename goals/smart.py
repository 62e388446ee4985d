"""The SMART check: for each letter, is it met, and if not, what exactly is missing.

Pure functions over plain values, so the goal form can check a goal that is not saved yet.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

# Words people use to say what they will do. Matching is on the word's stem, so
# "leading", "led" and "leads" count for "lead".
ACTION_VERBS = frozenset(
    """
    achieve acquire add apply ask attend become build buy certify chair change close coach
    complete create deliver design develop do double earn establish expand finish found
    gain get give go grow hire hold host improve increase join land launch lead learn make
    manage master meet mentor move negotiate network obtain open organise organize own pass
    pitch plan present publish qualify raise reach read reduce run save secure sell ship
    sign speak start study take teach train travel triple volunteer win work write
    """.split()  # noqa: SIM905
)
IRREGULAR = {
    "led": "lead",
    "won": "win",
    "got": "get",
    "became": "become",
    "made": "make",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "sold": "sell",
    "held": "hold",
    "spoke": "speak",
    "taught": "teach",
    "bought": "buy",
    "went": "go",
    "built": "build",
    "met": "meet",
}
VAGUE_WORDS = frozenset({"more", "better", "improve", "improved", "some", "bigger", "faster"})
NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve twenty thirty fifty
    hundred thousand million first second third half double triple
    """.split()  # noqa: SIM905
)
# Words in square brackets are left for the person to fill in ("[your number]", "[your
# topic]"): a goal started from an example keeps them until they are made the person's own.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")
MIN_WORDS = 4
MIN_STEPS = 2
MIN_RELEVANCE_CHARS = 15
HORIZON_SLACK_DAYS = 31


@dataclass(frozen=True)
class Letter:
    letter: str
    name: str
    met: bool
    hint: str = ""


@dataclass(frozen=True)
class SmartReport:
    letters: tuple[Letter, ...] = field(default_factory=tuple)

    @property
    def score(self) -> int:
        return sum(letter.met for letter in self.letters)

    @property
    def is_smart(self) -> bool:
        return self.score == len(self.letters)

    @property
    def can_activate(self) -> bool:
        """A goal becomes active only once it is measurable and dated."""
        return self["M"].met and self["T"].met

    @property
    def missing(self) -> list[Letter]:
        return [letter for letter in self.letters if not letter.met]

    def __getitem__(self, key: str) -> Letter:
        for letter in self.letters:
            if letter.letter == key:
                return letter
        raise KeyError(key)  # templates then fall back to attributes


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zA-Z']+|\d+(?:[.,]\d+)?", text.lower())


def _stem(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, replacement in (
        ("ying", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)] + replacement
            if base in ACTION_VERBS:
                return base
            if base + "e" in ACTION_VERBS:
                return base + "e"
            if len(base) > 2 and base[-1] == base[-2] and base[:-1] in ACTION_VERBS:
                return base[:-1]  # "planned" -> "plan", "running" -> "run"
    return word


def has_action_verb(text: str) -> bool:
    return any(_stem(word) in ACTION_VERBS for word in _words(text))


def has_number(text: str) -> bool:
    return any(word[0].isdigit() or word in NUMBER_WORDS for word in _words(text))


def placeholders(text: str) -> list[str]:
    """The parts in square brackets still to be filled in, in order."""
    return PLACEHOLDER.findall(text or "")


def check_specific(statement: str) -> Letter:
    unfilled = placeholders(statement)
    if unfilled:
        return Letter(
            "S",
            "Specific",
            False,
            f"Make it yours: replace “{unfilled[0]}” with your own words or number.",
        )
    words = _words(statement)
    if len(words) < MIN_WORDS:
        return Letter("S", "Specific", False, "Say precisely what you will do, in a full sentence.")
    if not has_action_verb(statement):
        return Letter(
            "S",
            "Specific",
            False,
            "Start with what you will do: an action word such as lead, earn, finish or publish.",
        )
    if VAGUE_WORDS.intersection(words) and not has_number(statement):
        return Letter(
            "S",
            "Specific",
            False,
            "Words like “more” or “better” need a number: how much more, how much better?",
        )
    return Letter("S", "Specific", True)


def check_measurable(
    metric_name: str,
    baseline: Decimal | None,
    target: Decimal | None,
    step_count: int = 0,
    unfilled: str = "",
) -> Letter:
    """``unfilled``: a placeholder left in the measure as typed (the starting value, say)."""
    if unfilled:
        return Letter(
            "M",
            "Measurable",
            False,
            f"Put your own numbers in place of “{unfilled}”: where you are today and "
            "where you want to be by the deadline.",
        )
    if not metric_name.strip():
        if baseline is None and target is None and step_count >= MIN_STEPS:
            return Letter("M", "Measurable", True)  # progress is the share of steps done
        return Letter(
            "M",
            "Measurable",
            False,
            "Name what you will count, e.g. “clients led” or “salary”, "
            f"or split the goal into at least {MIN_STEPS} steps and count those.",
        )
    if baseline is None or target is None:
        return Letter(
            "M", "Measurable", False, "Give a starting value and a target for your measure."
        )
    if baseline == target:
        return Letter(
            "M",
            "Measurable",
            False,
            "Your target equals your starting value: there is no progress to measure.",
        )
    return Letter("M", "Measurable", True)


def check_attainable(confidence: int | None) -> Letter:
    if confidence is None:
        return Letter(
            "A", "Attainable", False, "Rate how confident you are that you can reach it (1 to 5)."
        )
    if confidence <= 2:
        return Letter(
            "A",
            "Attainable",
            False,
            "Your confidence is low: ask your buddy whether this is realistic, or make it smaller.",
        )
    return Letter("A", "Attainable", True)


def check_relevant(relevance: str, has_vision_link: bool) -> Letter:
    if has_vision_link or len(relevance.strip()) >= MIN_RELEVANCE_CHARS:
        return Letter("R", "Relevant", True)
    return Letter(
        "R",
        "Relevant",
        False,
        "Say why this matters to your career, or link it to one of your vision answers.",
    )


def horizon_limit(today: datetime.date, horizon_years: int) -> datetime.date:
    try:
        end = today.replace(year=today.year + horizon_years)
    except ValueError:  # 29 February
        end = today.replace(year=today.year + horizon_years, day=28)
    return end + datetime.timedelta(days=HORIZON_SLACK_DAYS)


def check_time_bound(
    target_date: datetime.date | None, horizon_years: int | None, today: datetime.date
) -> Letter:
    if target_date is None:
        return Letter(
            "T", "Time-bound", False, "Set a deadline: the date you will have done it by."
        )
    if target_date < today:
        return Letter(
            "T",
            "Time-bound",
            False,
            "The deadline has passed: move it, or close the goal as achieved or abandoned.",
        )
    if horizon_years and target_date > horizon_limit(today, horizon_years):
        return Letter(
            "T",
            "Time-bound",
            False,
            f"The deadline is further away than your {horizon_years}-year horizon: "
            "bring it closer or choose a longer horizon.",
        )
    return Letter("T", "Time-bound", True)


def smart_check(
    *,
    statement: str,
    metric_name: str,
    baseline: Decimal | None,
    target: Decimal | None,
    confidence: int | None,
    relevance: str,
    has_vision_link: bool,
    target_date: datetime.date | None,
    horizon_years: int | None,
    today: datetime.date,
    step_count: int = 0,
    measure_placeholder: str = "",
) -> SmartReport:
    return SmartReport(
        (
            check_specific(statement or ""),
            check_measurable(metric_name or "", baseline, target, step_count, measure_placeholder),
            check_attainable(confidence),
            check_relevant(relevance or "", has_vision_link),
            check_time_bound(target_date, horizon_years, today),
        )
    )


def smart_check_goal(goal, today: datetime.date, step_count: int | None = None) -> SmartReport:
    """Check a saved goal. Pass ``step_count`` when it is already known (no extra query)."""
    if step_count is None:
        step_count = getattr(goal, "step_count", None)
    if step_count is None:
        step_count = goal.micro_goals.count()
    return smart_check(
        statement=goal.statement,
        metric_name=goal.metric_name,
        baseline=goal.baseline,
        target=goal.target,
        confidence=goal.confidence,
        relevance=goal.relevance,
        has_vision_link=goal.vision_answer_id is not None,
        target_date=goal.target_date,
        horizon_years=goal.horizon,
        today=today,
        step_count=step_count,
    )
