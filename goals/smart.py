"""The SMART check: for each letter, is it met, and if not, what exactly is missing.

Pure functions over plain values, so the goal form can check a goal that is not saved yet.
The words are read in English and in German, whatever the language of the page; the names
and hints come out in the active language.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

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
# German verbs, as infinitives: a word counts when, with its ending taken off (leite,
# leitest, leitet, geleitet, leitete; aufgebaut, aufzubauen), it is one of their stems.
GERMAN_VERBS = frozenset(
    """
    abschließen ablegen absolvieren anfangen arbeiten aufbauen aufsteigen ausbauen beenden
    beginnen beitreten bekommen besitzen bestehen besuchen betreuen bewerben bauen coachen
    durchführen einführen einstellen engagieren entwerfen entwickeln erhalten erhöhen
    erreichen erstellen erweitern erwerben eröffnen fertigstellen fragen führen gestalten
    gewinnen geben gehen gründen halten kaufen kündigen landen lehren leiten lernen lesen
    liefern machen managen meistern mentoren moderieren nehmen organisieren planen pitchen
    präsentieren programmieren publizieren qualifizieren reduzieren reisen sammeln schaffen
    schließen schreiben schulen senken sichern sparen sprechen starten steigern steigen
    studieren tun trainieren treffen umsetzen unterrichten unterschreiben verdienen
    verdoppeln verdreifachen verfassen verhandeln verkaufen vernetzen veranstalten
    verbessern veröffentlichen vorstellen wachsen wechseln werden zertifizieren übernehmen
    """.split()  # noqa: SIM905
)
GERMAN_IRREGULAR = {
    "abgeschlossen": "abschliess",
    "schloss": "schliess",
    "geschlossen": "schliess",
    "schrieb": "schreib",
    "geschrieben": "schreib",
    "gewann": "gewinn",
    "gewonnen": "gewinn",
    "bekam": "bekomm",
    "erhielt": "erhalt",
    "gab": "geb",
    "gegeben": "geb",
    "gibt": "geb",
    "ging": "geh",
    "gegangen": "geh",
    "wuchs": "wachs",
    "gewachsen": "wachs",
    "hielt": "halt",
    "gehalten": "halt",
    "hält": "halt",
    "las": "les",
    "gelesen": "les",
    "liest": "les",
    "sprach": "sprech",
    "gesprochen": "sprech",
    "spricht": "sprech",
    "nahm": "nehm",
    "genommen": "nehm",
    "nimmt": "nehm",
    "übernommen": "übernehm",
    "übernimmt": "übernehm",
    "traf": "treff",
    "getroffen": "treff",
    "trifft": "treff",
    "begann": "beginn",
    "begonnen": "beginn",
    "fing": "fang",
    "bestand": "besteh",
    "bestanden": "besteh",
    "stieg": "steig",
    "gestiegen": "steig",
    "aufgestiegen": "aufsteig",
    "wurde": "werd",
    "geworden": "werd",
    "wird": "werd",
    "entworfen": "entwerf",
    "erworben": "erwerb",
    "besessen": "besitz",
}
GERMAN_PREFIXES = ("ab", "an", "auf", "aus", "bei", "durch", "ein", "fertig", "um", "vor")
GERMAN_ENDINGS = ("est", "tet", "ten", "te", "st", "et", "en", "e", "t", "n")


def _german_stem(verb: str) -> str:
    verb = verb.replace("ß", "ss")
    return verb[:-2] if verb.endswith("en") else verb[:-1]


GERMAN_STEMS = frozenset(_german_stem(verb) for verb in GERMAN_VERBS) | {"fang"}

VAGUE_WORDS = frozenset(
    {"more", "better", "improve", "improved", "some", "bigger", "faster"}
    | {"mehr", "besser", "bessere", "verbessern", "verbessert", "einige", "etwas", "größer"}
    | {"schneller", "öfter", "häufiger", "viel", "viele"}
)
NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve twenty thirty fifty
    hundred thousand million first second third half double triple
    eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig
    fünfzig hundert tausend million millionen erste ersten zweite dritte hälfte halb
    doppelt doppelte dreifach
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
    return re.findall(r"(?:[^\W\d_]|')+|\d+(?:[.,]\d+)?", text.lower())


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


def _is_german_verb(word: str) -> bool:
    word = word.replace("ß", "ss")
    if word in GERMAN_IRREGULAR:
        return True
    for prefix, infix in ((p, i) for p in GERMAN_PREFIXES for i in ("ge", "zu")):
        if word.startswith(prefix + infix) and len(word) > len(prefix) + 4:
            word = prefix + word[len(prefix) + 2 :]  # aufgebaut -> aufbaut
            break
    if word in GERMAN_STEMS or any(
        word.endswith(ending) and word[: -len(ending)] in GERMAN_STEMS for ending in GERMAN_ENDINGS
    ):
        return True
    # A participle: geleitet, gelernt (but not "Gehalt": the ending is needed).
    participle = word[2:] if word.startswith("ge") else ""
    return any(
        participle.endswith(ending) and participle[: -len(ending)] in GERMAN_STEMS
        for ending in ("et", "t", "en")
    )


def has_action_verb(text: str) -> bool:
    return any(_stem(word) in ACTION_VERBS or _is_german_verb(word) for word in _words(text))


def has_number(text: str) -> bool:
    return any(word[0].isdigit() or word in NUMBER_WORDS for word in _words(text))


def placeholders(text: str) -> list[str]:
    """The parts in square brackets still to be filled in, in order."""
    return PLACEHOLDER.findall(text or "")


def _name(key: str) -> str:
    """The letter's name in the active language."""
    return {
        "S": _("Specific"),
        "M": _("Measurable"),
        "A": _("Attainable"),
        "R": _("Relevant"),
        "T": _("Time-bound"),
    }[key]


def _letter(key: str, met: bool, hint: str = "") -> Letter:
    return Letter(key, _name(key), met, hint)


def check_specific(statement: str) -> Letter:
    unfilled = placeholders(statement)
    if unfilled:
        return _letter(
            "S",
            False,
            _("Make it yours: replace “%(placeholder)s” with your own words or number.")
            % {"placeholder": unfilled[0]},
        )
    words = _words(statement)
    if len(words) < MIN_WORDS:
        return _letter("S", False, _("Say precisely what you will do, in a full sentence."))
    if not has_action_verb(statement):
        return _letter(
            "S",
            False,
            _("Start with what you will do: an action word such as lead, earn, finish or publish."),
        )
    if VAGUE_WORDS.intersection(words) and not has_number(statement):
        return _letter(
            "S",
            False,
            _("Words like “more” or “better” need a number: how much more, how much better?"),
        )
    return _letter("S", True)


def check_measurable(
    metric_name: str,
    baseline: Decimal | None,
    target: Decimal | None,
    step_count: int = 0,
    unfilled: str = "",
) -> Letter:
    """``unfilled``: a placeholder left in the measure as typed (the starting value, say)."""
    if unfilled:
        return _letter(
            "M",
            False,
            _(
                "Put your own numbers in place of “%(placeholder)s”: where you are today and "
                "where you want to be by the deadline."
            )
            % {"placeholder": unfilled},
        )
    if not metric_name.strip():
        if baseline is None and target is None and step_count >= MIN_STEPS:
            return _letter("M", True)  # progress is the share of steps done
        return _letter(
            "M",
            False,
            _(
                "Name what you will count, e.g. “clients led” or “salary”, "
                "or split the goal into at least %(steps)s steps and count those."
            )
            % {"steps": MIN_STEPS},
        )
    if baseline is None or target is None:
        return _letter("M", False, _("Give a starting value and a target for your measure."))
    if baseline == target:
        return _letter(
            "M",
            False,
            _("Your target equals your starting value: there is no progress to measure."),
        )
    return _letter("M", True)


def check_attainable(confidence: int | None) -> Letter:
    if confidence is None:
        return _letter("A", False, _("Rate how confident you are that you can reach it (1 to 5)."))
    if confidence <= 2:
        return _letter(
            "A",
            False,
            _(
                "Your confidence is low: ask your buddy whether this is realistic, "
                "or make it smaller."
            ),
        )
    return _letter("A", True)


def check_relevant(relevance: str, has_vision_link: bool) -> Letter:
    if has_vision_link or len(relevance.strip()) >= MIN_RELEVANCE_CHARS:
        return _letter("R", True)
    return _letter(
        "R",
        False,
        _("Say why this matters to your career, or link it to one of your vision answers."),
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
        return _letter("T", False, _("Set a deadline: the date you will have done it by."))
    if target_date < today:
        return _letter(
            "T",
            False,
            _("The deadline has passed: move it, or close the goal as achieved or abandoned."),
        )
    if horizon_years and target_date > horizon_limit(today, horizon_years):
        return _letter(
            "T",
            False,
            _(
                "The deadline is further away than your %(years)s-year horizon: "
                "bring it closer or choose a longer horizon."
            )
            % {"years": horizon_years},
        )
    return _letter("T", True)


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
