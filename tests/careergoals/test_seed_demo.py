"""manage.py seed_demo: the named people's shapes, pages that open, reminders as the planner
would plan them, exactly --due reminders for a sweep, --wipe and the refusal of a real site."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accountability.models import Comment, Partnership, ReviewMeeting
from accountability.reminders import arm_meeting
from careergoals import demo as seed_module
from careergoals.demo import HEAVY, PASSWORD, TYPICAL, demo_people, wipe
from careergoals.demo.plan import MARGIN
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.registry import rearm_person
from careergoals.notifications.sweep import sweep
from careergoals.users.models import User
from goals import services as goal_services
from goals.models import CheckIn, Goal, GoalChange, MicroGoal

pytestmark = pytest.mark.django_db(transaction=False)
SMALL = {"people": 5, "steps": 300, "due": 20}


def seed(**options):
    call_command("seed_demo", **{**SMALL, **options}, stdout=io.StringIO())


def buddies_of(user) -> list[User]:
    pairs = Partnership.objects.active().of(user)
    ids = {pk for pair in pairs for pk in (pair.user_low_id, pair.user_high_id)} - {user.pk}
    return list(User.objects.filter(pk__in=ids))


@pytest.mark.parametrize("shape", [TYPICAL, HEAVY], ids=["typical", "heavy"])
def test_the_named_people_have_exactly_their_shapes(shape):
    seed()
    person = User.objects.get(email=shape.email)
    assert person.timezone == shape.zone
    assert person.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=person, verified=True, primary=True).exists()
    goals = Goal.objects.filter(owner=person).annotate(steps=Count("micro_goals"))
    assert [goal.steps for goal in goals] == [shape.steps_per_goal] * shape.goals

    buddies = buddies_of(person)
    assert len(buddies) == shape.buddies
    for pair in Partnership.objects.active().of(person).select_related("agreement"):
        confirmed = pair.agreement.confirmations.filter(version=pair.agreement.version)
        assert {c.user_id for c in confirmed} == {pair.user_low_id, pair.user_high_id}
        assert pair.review_meetings.exists()
    # Shared both ways: each buddy sees some of their goals, and they see some of each buddy's.
    for buddy in buddies:
        assert Goal.objects.visible_to(buddy).filter(owner=person).exists()
        assert Goal.objects.visible_to(person).filter(owner=buddy).exists()
    assert CheckIn.objects.filter(goal__owner=person).exists()
    assert Comment.objects.filter(goal__owner=person).exists()
    assert person.vision_answers.exists()
    # The history goal_create and goal_activate write.
    assert GoalChange.objects.filter(goal__owner=person, field="created").count() == shape.goals
    assert Notification.objects.filter(recipient=person).exists()


def test_the_others_share_the_steps_asked_for():
    seed()
    others = demo_people().exclude(email__in=[TYPICAL.email, HEAVY.email])
    assert others.count() == SMALL["people"]
    for person in others.annotate(goal_count=Count("goals")):
        assert 1 <= person.goal_count <= 12
        assert person.timezone
    assert MicroGoal.objects.filter(goal__owner__in=others).count() == SMALL["steps"]


def test_rows_pass_the_models_own_validation():
    """The database already refused any row breaking a constraint; this checks the rest of
    what a form would (choices, lengths, validators) on a named person's data."""
    seed()
    person = User.objects.get(email=TYPICAL.email)
    for goal in Goal.objects.filter(owner=person):
        goal.full_clean()
    for step in MicroGoal.objects.filter(goal__owner=person):
        step.full_clean()
        assert (step.status == "done") == (step.completed_on is not None)
    for goal in Goal.objects.filter(owner=person, status="achieved"):
        assert goal.achieved_at is not None
        assert hasattr(goal, "celebration")


def _pending(person):
    later = timezone.now() + MARGIN
    return set(
        ScheduledReminder.objects.filter(
            recipient=person, status="pending", due_at__gt=later
        ).values_list("kind", "item", "occurrence", "due_at", "stale_at")
    )


@pytest.mark.parametrize("shape", [TYPICAL, HEAVY], ids=["typical", "heavy"])
def test_reminders_are_what_the_apps_would_plan(shape):
    seed(due=0)
    person = User.objects.get(email=shape.email)
    seeded = _pending(person)
    kinds = {kind for kind, *_ in seeded}
    assert {"deadline", "overdue", "quarterly", "quarterly_partnership"} <= kinds

    rearm_person(person)  # the apps re-plan everything of this person ...
    for meeting in ReviewMeeting.objects.filter(
        Q(partnership__user_low=person) | Q(partnership__user_high=person)
    ).select_related("partnership__user_low", "partnership__user_high"):
        arm_meeting(meeting)
    assert _pending(person) == seeded  # ... and change nothing


def test_every_page_of_the_named_people_answers(client):
    seed()
    for shape in (TYPICAL, HEAVY):
        person = User.objects.get(email=shape.email)
        client.force_login(person)
        goal = Goal.objects.filter(owner=person).first()
        pages = [
            reverse("goals:home"),
            reverse("goals:goal_detail", args=[goal.pk]),
            reverse("buddies:calendar"),
            reverse("goals:roadmap"),
            reverse("buddies:buddies"),
            reverse("notifications:notifications"),
        ]
        for page in pages:
            assert client.get(page).status_code == 200, (shape.email, page)


def test_a_sweep_records_exactly_the_due_reminders():
    seed(due=20)
    due = ScheduledReminder.objects.filter(status="pending", due_at__lte=timezone.now())
    assert due.count() == 20
    assert len({row.recipient_id for row in due}) > 1  # spread over people
    assert sweep() == 20
    assert Notification.objects.filter(dedupe_key__startswith="r:").count() == 20
    assert sweep() == 0


def test_it_refuses_a_database_with_real_people(make_user):
    make_user(email="ana@example.org")
    with pytest.raises(CommandError, match="not demo people"):
        seed()
    assert not demo_people().exists()


def test_wipe_removes_only_demo_data(make_user):
    ana = make_user(email="ana@example.org")
    goal = goal_services.goal_create(owner=ana, statement="Learn to sail")
    goal_services.micro_goal_create(goal=goal, title="Book a lesson")
    before = {
        "goals": Goal.objects.count(),
        "steps": MicroGoal.objects.count(),
        "reminders": ScheduledReminder.objects.count(),
        "users": User.objects.count(),
    }
    seed(force=True)
    assert demo_people().count() == 7
    with pytest.raises(CommandError, match="--wipe"):
        seed(force=True)  # never twice on top of each other

    seed(force=True, wipe=True, people=4, steps=50)
    assert demo_people().count() == 6
    assert wipe() == 6
    assert not demo_people().exists()
    assert {
        "goals": Goal.objects.count(),
        "steps": MicroGoal.objects.count(),
        "reminders": ScheduledReminder.objects.count(),
        "users": User.objects.count(),
    } == before
    assert Goal.objects.get(pk=goal.pk).owner == ana
    assert not Partnership.objects.exists()
    assert not Notification.objects.filter(to_email__endswith="@demo.test").exists()


@pytest.mark.slow
def test_it_works_on_the_embedded_sqlite(tmp_path):
    """The embedded default on a laptop: migrate a fresh SQLite file and seed it."""
    env = {**os.environ, "CAREERGOALS_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "careergoals.settings.base"
    manage = [sys.executable, str(Path(__file__).parents[2] / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=300)
    done = subprocess.run(
        [*manage, "seed_demo", "--people", "5", "--steps", "300", "--due", "5"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    assert "people=7" in done.stdout and "steps=2380" in done.stdout and "due=5" in done.stdout
    swept = subprocess.run(
        [*manage, "shell", "-c",
         "from careergoals.notifications.sweep import sweep; print('recorded', sweep())"],
        env=env, check=True, timeout=300, capture_output=True, text=True,
    )  # fmt: skip
    assert "recorded 5" in swept.stdout


@pytest.mark.django_db(transaction=True)
def test_a_big_seed_rebuilds_the_indexes_and_a_wipe_of_only_demo_data_empties_the_tables():
    """Outside a transaction (the command on PostgreSQL) the rows are written from a second
    connection, and big seeds drop and rebuild the biggest tables' indexes and keys."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the bulk-load path is PostgreSQL's")

    def constraints(model):
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, model._meta.db_table)
        return {name: (c["columns"], c["unique"], c["foreign_key"]) for name, c in found.items()}

    before = {model: constraints(model) for model in (MicroGoal, ScheduledReminder)}
    summary = seed_module.seed(people=5, steps=300, due=3, defer_indexes_from=0)
    assert (summary.people, summary.steps, summary.due) == (7, 2380, 3)
    assert {model: constraints(model) for model in before} == before
    assert sweep() == 3

    assert wipe() == 7
    for model in (MicroGoal, ScheduledReminder, Goal, Notification, Partnership, User):
        assert not model.objects.exists(), model
