"""``manage.py benchmark``: every page against the bare-Django baseline, the reminder sweep,
email delivery and the write paths, in one run; writes JSON and prints a table (issue 11)."""

import dataclasses
import json
import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from careergoals.bench import run, server

PARTS = ("pages", "writes", "sweep", "delivery")


class Command(BaseCommand):
    help = (
        "Seed demo data, serve the site with gunicorn (production settings, 2 workers) and "
        "measure pages, the sweep, delivery and writes. Needs PostgreSQL, Redis and `hey`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default="bench.json", help="where to write the JSON report")
        parser.add_argument(
            "--quick", action="store_true", help="small data, concurrency 8, 1.5 s a page (~2 min)"
        )
        parser.add_argument(
            "--only", default=",".join(PARTS), help=f"comma-separated parts of: {', '.join(PARTS)}"
        )
        parser.add_argument("--seconds", type=float, help="load per page and concurrency")
        parser.add_argument("--concurrency", help="comma-separated, e.g. 1,8,32")
        parser.add_argument("--steps", type=int, help="steps to seed in all")
        parser.add_argument("--people", type=int, help="people to seed besides the two named")
        parser.add_argument("--due", help="comma-separated reminders due per sweep case")
        parser.add_argument(
            "--no-seed",
            action="store_true",
            help="use the demo data already there (the sweep records what is due)",
        )

    def handle(
        self, *args, out, quick, only, seconds, concurrency, steps, people, due, no_seed, **options
    ):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark needs PostgreSQL (set DATABASE_URL): SQLite figures would say "
                "nothing about a production site."
            )
        parts = tuple(part.strip() for part in only.split(",") if part.strip())
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise CommandError(f"Unknown parts: {', '.join(sorted(unknown))}. Choose from {PARTS}.")
        if "pages" in parts and server.hey_path() is None:
            raise CommandError(server.HEY_INSTALL)
        values = dict(run.QUICK) if quick else {}
        if seconds:
            values["seconds"] = seconds
        if concurrency:
            values["concurrencies"] = tuple(int(c) for c in concurrency.split(","))
        if steps:
            values["steps"] = steps
        if people:
            values["people"] = people
        if due:
            values["sweep_dues"] = tuple(int(d) for d in due.split(","))
        plan = run.Plan(**values, parts=parts, seed=not no_seed)

        started = time.monotonic()
        report = {
            "machine": run.machine(),
            "plan": _plain(plan),
            "baseline": None,
            "pages": [],
            "sweep": [],
            "delivery": None,
            "writes": [],
        }
        if plan.seed:
            dues = sum(plan.sweep_dues) if {"sweep", "delivery"} & set(parts) else 0
            dues += 2 * plan.parallel_due if "sweep" in parts else 0  # one process, then two
            self.log(f"seeding {plan.steps:,} steps, {dues:,} reminders due ...")
            run.seed(plan, due=dues, log=self.log)
        if "pages" in parts:
            run.measure_pages(plan, report, self.log)
        if "writes" in parts:
            run.measure_writes(plan, report, self.log)
        if {"sweep", "delivery"} & set(parts):
            run.measure_sweep_and_delivery(plan, report, self.log)
        report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        report["machine"]["seconds"] = round(time.monotonic() - started, 1)
        Path(out).write_text(json.dumps(report, indent=2, default=str) + "\n")
        self.stdout.write(run.table(report))
        self.stdout.write(f"\nWritten to {out} in {report['machine']['seconds']} s.")

    def log(self, message: str) -> None:
        self.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}")
        self.stderr.flush()


def _plain(plan) -> dict:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in dataclasses.asdict(plan).items()}
