"""Demo data for trying the site and measuring it: ``manage.py seed_demo`` (see its help).

Two named people with fixed shapes (typical@demo.test, heavy@demo.test), then as many
others as asked, with everything the services would have written for them, inserted in
bulk. Every demo address ends in @demo.test, which is how ``wipe`` finds them.
"""

import contextlib
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction

from careergoals.notifications.models import ScheduledReminder
from goals.models import MicroGoal

from .batch import Batch
from .goals import person_rows
from .people import (
    DOMAIN,
    HEAVY,
    MIN_OTHERS,
    NAMED,
    PASSWORD,
    TYPICAL,
    pair_up,
    partnership_rows,
    people_rows,
)
from .plan import Reminders, make_due
from .wipe import demo_people, wipe
from .writer import Writer

__all__ = [
    "DOMAIN",
    "HEAVY",
    "MIN_OTHERS",
    "NAMED",
    "PASSWORD",
    "TYPICAL",
    "Summary",
    "demo_people",
    "seed",
    "wipe",
]

FLUSH_EVERY = 50_000  # steps: rows are written in blocks, so memory stays flat
# From this many steps on, the biggest tables get their indexes built once, after the rows.
DEFER_INDEXES_FROM = 100_000


@dataclass(frozen=True)
class Summary:
    people: int
    goals: int
    steps: int
    reminders: int
    due: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"people={self.people} goals={self.goals} steps={self.steps} "
            f"reminders={self.reminders} due={self.due} seconds={self.seconds:.1f}"
        )


def seed(
    *,
    people: int,
    steps: int,
    due: int = 0,
    seed: int = 1,
    progress=None,
    defer_indexes_from: int = DEFER_INDEXES_FROM,
) -> Summary:
    """Create the named people and ``people`` others sharing ``steps`` steps, in one
    transaction. ``progress(text)`` hears how far it got."""
    if people < MIN_OTHERS:
        raise ValueError(
            f"Ask for at least {MIN_OTHERS} other people: the heavy person has five buddies."
        )
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 - made-up data, repeatable from --seed
    say = progress or (lambda text: None)
    writer = Writer()
    made_due: list[int] = []
    # In the background mode the writer's connection holds the one transaction.
    with transaction.atomic() if writer.inline else contextlib.nullcontext():
        try:
            if steps >= defer_indexes_from:
                writer.defer_indexes([MicroGoal, ScheduledReminder])
            _build(writer, rng, say, started, others=people, steps=steps)
            writer.run(lambda: made_due.append(make_due(writer=writer, due=due)))
            say(f"committing, {_elapsed(started)}")
            writer.finish()
        except BaseException:
            writer.abort()
            raise
    say("written: " + ", ".join(f"{k} {v:.1f} s" for k, v in writer.seconds.items()))
    if connection.vendor == "postgresql":
        _analyze()
    counts = writer.counts
    return Summary(
        people=counts.get("users.User", 0),
        goals=counts.get("goals.Goal", 0),
        steps=counts.get("goals.MicroGoal", 0),
        reminders=counts.get("notifications.ScheduledReminder", 0),
        due=made_due[0],
        seconds=time.monotonic() - started,
    )


def _build(writer: Writer, rng: random.Random, say, started, *, others: int, steps: int) -> None:
    today = writer.now.date()
    crowd = people_rows(writer, rng, others=others, steps=steps)
    pairs = pair_up(rng, crowd)
    meetings = partnership_rows(writer, rng, pairs)
    reminders = Reminders(writer)
    reminders.prompts([p.user for p in crowd])
    reminders.pairs([(m.partnership.pk, m.partnership.members()) for m in meetings], meetings)
    batch, pending = Batch(writer), 0
    for done, person in enumerate(crowd, start=1):
        reminders.goals(person_rows(batch, rng, person, today=today))
        pending += sum(person.steps_per_goal)
        if pending >= FLUSH_EVERY or done == len(crowd):
            batch.flush()
            reminders.flush()
            pending = 0
            say(f"{done} of {len(crowd)} people, {_elapsed(started)}")


def _elapsed(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s"


def _analyze() -> None:
    """Fresh planner statistics, so the first pages and sweeps after a big seed use the
    indexes as they will in a steady state; and, outside a transaction, the rows a --wipe
    deleted cleared away. Left to autovacuum, two million dead steps made Postgres spend 6 ms
    planning each join on steps (it reads the index's ends), more than the goal page's
    whole run of queries (VACUUM: 9 s for a million steps)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
