"""Regenerate docs/screenshots/: the main pages of a small demo world, light, dark and phone.

    python manage.py screenshots

Nothing of yours is touched: the command seeds a demo world (Ana, her buddy Bob, a few goals)
into a throw-away var folder on the embedded default (SQLite, emails in files), serves it with
``manage.py serve`` on a free loopback port, and photographs each page in Debian's Chromium
(``CHROMIUM``, default /usr/bin/chromium) with Playwright. Each picture is one screen, not
the whole page, so the folder stays small.
"""

import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zoneinfo
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a demo passphrase 42"  # noqa: S105 - a throw-away account in a throw-away database
VARIANTS = {  # name: (viewport, colour scheme)
    "light": ({"width": 1280, "height": 800}, "light"),
    "dark": ({"width": 1280, "height": 800}, "dark"),
    "phone": ({"width": 375, "height": 812}, "light"),
}
# Environment that would point the demo at real services: left out on purpose.
REAL_SERVICES = {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}


class Command(BaseCommand):
    help = "Regenerate the PNGs in docs/screenshots/ from a demo world (light, dark and phone)."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"))
        parser.add_argument("--seed-only", action="store_true", help="(internal) seed and exit")

    def handle(self, *args, out, seed_only, **options):
        if seed_only:
            self.stdout.write(json.dumps(seed_demo_world(Path(settings.VAR_DIR))))
            return
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        if not shutil.which(chromium):
            raise CommandError(f"Chromium not found at {chromium} (set CHROMIUM).")
        work = Path(tempfile.mkdtemp(prefix="careergoals-screenshots-"))
        try:
            self._run(work, Path(out), chromium)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _run(self, work: Path, out: Path, chromium: str) -> None:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k not in REAL_SERVICES}
        env |= {"CAREERGOALS_VAR_DIR": str(work / "var"), "HOME": str(work), "WEB_PORT": str(port)}
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        self.stdout.write("Seeding a demo world in a throw-away folder…")
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=300)  # noqa: S603
        seeded = subprocess.run(  # noqa: S603 - our own manage.py
            [*manage, "screenshots", "--seed-only"],
            env=env,
            timeout=300,
            capture_output=True,
            text=True,
        )
        if seeded.returncode:
            raise CommandError("Seeding the demo world failed:\n" + seeded.stderr)
        world = json.loads(seeded.stdout.strip().splitlines()[-1])
        log = (work / "serve.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [*manage, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base + "/healthz", server)
            out.mkdir(parents=True, exist_ok=True)
            written = self._photograph(base, world, out, chromium)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
        total = sum(path.stat().st_size for path in written)
        self.stdout.write(
            self.style.SUCCESS(f"{len(written)} screenshots, {total / 1e6:.1f} MB, in {out}/")
        )

    def _photograph(self, base: str, world: dict, out: Path, chromium: str) -> list[Path]:
        from playwright.sync_api import sync_playwright

        pages = {
            "landing": None,
            "dashboard": "/home/",
            "goal": f"/goals/{world['goal']}/",
            "roadmap": "/roadmap/",
            "partnership": f"/buddies/{world['partnership']}/",
            "calendar": f"/calendar/?month={world['month']}",
            "review": f"/reviews/{world['meeting']}/",
            "celebration": f"/goals/{world['reached']}/celebrate/",
        }
        written = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            for variant, (viewport, scheme) in VARIANTS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                page.goto(base + "/")
                written.append(_shot(page, out / f"landing-{variant}.png"))
                _sign_in(page, base, world["email"])
                for name, path in pages.items():
                    if path is None:
                        continue
                    page.goto(base + path)
                    written.append(_shot(page, out / f"{name}-{variant}.png"))
                # The email as a mail client shows it: the HTML part, on its own (on a blank
                # page: the site's Content-Security-Policy would refuse the email's inline styles).
                page.goto("about:blank")
                page.set_content(world["email_html"])
                written.append(_shot(page, out / f"email-{variant}.png"))
                self.stdout.write(f"  {variant}: done")
                context.close()
            browser.close()
        return written


def _shot(page, path: Path) -> Path:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    return path


def _sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("input[type=password]").first.fill(PASSWORD)
    page.locator("input[type=password]").first.press("Enter")
    page.wait_for_url(f"{base}/home/")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("The demo site stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise CommandError(f"The demo site did not answer within {seconds:.0f} s.")


def seed_demo_world(var_dir: Path) -> dict:
    """Ana and her buddy Bob, with goals at every stage; runs inside the throw-away var dir."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accountability import services as buddies
    from accountability.models import Partnership
    from careergoals.notifications.models import Notification
    from goals import services as goals
    from goals.models import Goal
    from goals.models.vision import VisionPrompt

    target, project = var_dir.resolve(), Path(settings.BASE_DIR).resolve()
    in_project = target == project or project in target.parents
    if in_project or not target.is_relative_to(Path(tempfile.gettempdir()).resolve()):
        # The checkout itself may live under /tmp (CI clones there): never seed into it.
        raise CommandError("The demo world is only ever seeded into a throw-away folder.")
    now = timezone.now()
    today = timezone.localdate()
    days = datetime.timedelta

    def person(email, name, tz):
        user = get_user_model().objects.create_user(
            email=email, password=PASSWORD, display_name=name, timezone=tz, welcomed_at=now
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    ana = person("ana@example.org", "Ana", "Europe/Berlin")
    bob = person("bob@example.org", "Bob", "America/New_York")
    goals.vision_answer_save(
        owner=ana,
        prompt=VisionPrompt.ULTIMATE_JOB,
        text="Design lead for a product people love, with a small team I helped grow.",
    )
    goals.vision_answer_save(
        owner=ana,
        prompt=VisionPrompt.SUCCESS,
        text="Work I am proud of, people who ask for my opinion, and evenings free.",
    )

    def goal(statement, category, horizon, due, owner=ana, **fields):
        values = {
            "statement": statement,
            "category": category,
            "horizon": horizon,
            "target_date": today + days(days=due),
            "confidence": 4,
            "relevance": "It is the next step toward leading a design team.",
        } | fields
        made = goals.goal_create(owner=owner, **values)
        goals.goal_activate(goal=made)
        return made

    lead = goal(
        "Lead two client projects end to end",
        Goal.Category.RESPONSIBILITY,
        Goal.Horizon.ONE_YEAR,
        200,
        metric_name="Projects led",
        metric_unit="projects",
        baseline=Decimal("0"),
        target=Decimal("2"),
    )
    buddies.goal_set_visibility(goal=lead, visibility="buddies")
    for title, due, status in (
        ("Ask my manager which projects are coming", -20, "done"),
        ("Shadow Priya on the Atlas kickoff", 9, "doing"),
        ("Run the Beacon project plan review", 45, "todo"),
    ):
        step = goals.micro_goal_create(goal=lead, title=title, deadline=today + days(days=due))
        if status != "todo":
            goals.micro_goal_set_status(micro_goal=step, status=status)
    for ago, value in ((50, 0), (30, 0.5), (12, 1)):
        goals.check_in_create(goal=lead, value=Decimal(value), recorded_on=today - days(days=ago))

    exams = goal(
        "Pass five practice exams for the cloud architect certificate",
        Goal.Category.KNOWLEDGE,
        Goal.Horizon.ONE_YEAR,
        120,
        metric_name="Practice exams passed",
        metric_unit="exams",
        baseline=Decimal("0"),
        target=Decimal("5"),
    )
    goals.check_in_create(goal=exams, value=Decimal(2), recorded_on=today - days(days=5))
    for title, due in (("Practice exam: networking", 4), ("Practice exam: security", 16)):
        goals.micro_goal_create(goal=exams, title=title, deadline=today + days(days=due))
    goal(
        "Earn a salary of 85,000 as a senior designer",
        Goal.Category.EARNINGS,
        Goal.Horizon.FIVE_YEARS,
        365 * 3,
        metric_name="Yearly salary",
        metric_unit="EUR",
        baseline=Decimal("62000"),
        target=Decimal("85000"),
    )
    reached = goal(
        "Give a talk at the design meetup",
        Goal.Category.EXPERIENCES,
        Goal.Horizon.ONE_YEAR,
        30,
        metric_name="Talks given",
        metric_unit="talks",
        baseline=Decimal("0"),
        target=Decimal("1"),
    )
    for title, due in (("Pitch the talk to the organisers", -40), ("Two dry runs with Bob", -10)):
        step = goals.micro_goal_create(goal=reached, title=title, deadline=today + days(days=due))
        goals.micro_goal_set_status(micro_goal=step, status="done")
    celebration = goals.goal_achieve(goal=reached, note="Forty people came!")
    goals.celebration_reflect(
        celebration=celebration,
        hard="Cutting the talk down to twenty minutes.",
        easy="Answering questions: I knew the material.",
        helped="Bob listened to two dry runs.",
        differently="Book the venue earlier.",
    )

    pair = buddies.partnership_create(a=ana, b=bob)
    rules = buddies.agreement_save(
        partnership=pair,
        by=ana,
        working_toward="Ana: two client projects by June. Bob: a conference talk.",
        support="Honest questions, not advice. Reply within two days.",
        cadence="monthly",
    )
    buddies.agreement_confirm(agreement=rules, by=bob, version=rules.version)
    talk = goal(
        "Speak at a design conference",
        Goal.Category.EXPERIENCES,
        Goal.Horizon.ONE_YEAR,
        150,
        owner=bob,
        metric_name="Talks given",
        metric_unit="talks",
        baseline=Decimal("0"),
        target=Decimal("1"),
    )
    buddies.goal_set_visibility(goal=talk, visibility="buddies")
    goals.micro_goal_create(goal=talk, title="Send the proposal", deadline=today + days(days=12))
    buddies.comment_add(goal=lead, author=bob, text="Atlas sounds perfect for this. Go for it!")
    buddies.feedback_give(goal=lead, author=bob, verdict="stretch", comment="Doable by June.")
    meeting = buddies.review_propose(
        partnership=pair,
        by=bob,
        starts_at=datetime.datetime.combine(
            today + days(days=6), datetime.time(17), tzinfo=zoneinfo.ZoneInfo("Europe/Berlin")
        ),
        duration_minutes=60,
        place="Café Lindner, or a video call",
    )
    buddies.review_respond(meeting=meeting, by=ana, accept=True)
    # A world that has been going for a while: goals and the partnership began months ago.
    Goal.objects.filter(owner=ana).update(created_at=now - days(days=75))
    Partnership.objects.filter(pk=pair.pk).update(created_at=now - days(days=100))
    email = Notification.objects.filter(recipient=bob).exclude(body_html="").order_by("-pk").first()
    return {
        "email": ana.email,
        "goal": lead.pk,
        "reached": reached.pk,
        "partnership": pair.pk,
        "meeting": meeting.pk,
        # The calendar of the weeks ahead: next month once this one is nearly over.
        "month": (today + days(days=10)).strftime("%Y-%m"),
        "email_html": email.body_html if email else "<p>No email was sent.</p>",
    }
