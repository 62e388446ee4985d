"""Your data: JSON and CSV downloads, and the JSON imported back into an empty account."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from careergoals.users.services import user_set_theme
from careergoals.users.timezones import user_today
from goals import services
from goals.models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer
from goals.models.vision import VisionPrompt

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def rich_account(ana, make_goal):
    """Ana with answer history, a measured goal in progress and an achieved, reflected goal."""
    today = user_today(ana)
    with time_machine.travel(datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC), tick=False):
        first = services.vision_answer_save(
            owner=ana, prompt=VisionPrompt.SUCCESS, text="Being trusted with hard problems."
        )
    latest = services.vision_answer_save(
        owner=ana, prompt=VisionPrompt.SUCCESS, text="Leading a team that ships."
    )
    services.vision_answer_save(owner=ana, prompt=VisionPrompt.ADMIRE, text="Grace Hopper.")

    measured = make_goal(ana, vision_answer=latest, attainability_notes="Two clients asked.")
    services.goal_update(goal=measured, target=Decimal("3"), note="A third client signed")
    services.check_in_create(goal=measured, value=Decimal("1"), recorded_on=today - 30 * DAY)
    services.check_in_create(
        goal=measured, value=Decimal("1.5"), recorded_on=today - 2 * DAY, note="Half-way there"
    )
    done = services.micro_goal_create(
        goal=measured, title="Ask for the Acme project", deadline=today - DAY, helpers="My manager"
    )
    services.micro_goal_set_status(micro_goal=done, status=MicroGoal.Status.DONE)
    services.micro_goal_create(
        goal=measured,
        title="Shadow a project lead",
        action_plan="Sit in on the weekly client call.",
        resources="Two hours a week",
        deadline=today + 20 * DAY,
    )

    achieved = make_goal(
        ana,
        statement="Pass the AWS Solutions Architect exam",
        category=Goal.Category.KNOWLEDGE,
        vision_answer=first,
    )
    celebration = services.goal_achieve(goal=achieved)
    services.celebration_set_reward(celebration=celebration, reward="A weekend in Lisbon")
    services.celebration_reflect(
        celebration=celebration,
        hard="Evenings after work.",
        easy="The networking part.",
        helped="Priya lent me her notes.",
        differently="Book the exam date first.",
    )
    return ana


def export_of(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("goals:export_json"))
    assert response.status_code == 200
    return response.json()


def write_export(tmp_path, data) -> str:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def without_ids(value):
    if isinstance(value, dict):
        return {key: without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def comparable(data: dict) -> dict:
    """An export without what differs between accounts: ids, export time, email address."""
    answers = {answer["id"]: answer for answer in data["vision_answers"]}
    for goal in data["goals"]:
        linked = answers.get(goal["vision_answer"])
        goal["vision_answer"] = (linked["prompt"], linked["created_at"]) if linked else None
    data = without_ids(data)
    del data["exported_at"], data["profile"]["email"]
    return data


def everything() -> list[int]:
    models = (VisionAnswer, Goal, GoalChange, MicroGoal, CheckIn, Celebration)
    return [model.objects.count() for model in models]


# --- Round trip ---------------------------------------------------------------------------


def test_round_trip_into_an_empty_account(client, rich_account, make_user, tmp_path):
    original = export_of(client, rich_account)
    newcomer = make_user(email="new@example.org")
    out = io.StringIO()

    call_command("import_account", "new@example.org", write_export(tmp_path, original), stdout=out)

    assert (
        "Imported 3 vision answers, 2 goals, 2 steps, 2 check-ins, 4 history entries, 1 celebration"
        in out.getvalue()
    )
    again = export_of(client, newcomer)
    assert again["profile"]["email"] == "new@example.org"
    assert comparable(again) == comparable(original)


def test_export_is_versioned_and_json_safe(client, rich_account):
    data = export_of(client, rich_account)

    assert (data["format"], data["version"]) == ("careergoals-export", 2)
    assert data["profile"] == data["profile"] | {"email": "ana@example.org", "display_name": "Ana"}
    assert data["vision_answers"][0]["created_at"] == "2024-01-10T09:00:00+00:00"
    measured, achieved = data["goals"]
    assert (measured["baseline"], measured["target"], measured["current_value"]) == (
        "0.00",
        "3.00",
        "1.50",
    )
    assert [change["field"] for change in measured["changes"]] == ["created", "target"]
    assert [step["status"] for step in measured["micro_goals"]] == ["done", "todo"]
    assert achieved["status"] == "achieved"
    assert achieved["celebration"]["differently"] == "Book the exam date first."
    assert measured["celebration"] is None


def test_the_appearance_moves_with_the_account(client, ana, make_user, tmp_path):
    user_set_theme(user=ana, theme="dark")
    data = export_of(client, ana)
    assert data["profile"]["theme"] == "dark"
    newcomer = make_user(email="new@example.org")

    call_command("import_account", "new@example.org", write_export(tmp_path, data))

    newcomer.refresh_from_db()
    assert newcomer.theme == "dark"


def test_import_reads_the_previous_version_too(client, rich_account, make_user, tmp_path):
    """Version 1 had profile, vision answers and goals only: it still imports."""
    original = export_of(client, rich_account)
    version_1 = {key: original[key] for key in ("format", "exported_at", "profile")} | {
        "version": 1,
        "vision_answers": original["vision_answers"],
        "goals": original["goals"],
    }
    newcomer = make_user(email="new@example.org")
    out = io.StringIO()

    call_command("import_account", "new@example.org", write_export(tmp_path, version_1), stdout=out)

    assert "Imported 3 vision answers, 2 goals" in out.getvalue()
    assert "Not restored" not in out.getvalue()
    assert comparable(export_of(client, newcomer)) == comparable(original)


def test_import_keeps_the_dates(client, rich_account, make_user, tmp_path):
    original = export_of(client, rich_account)
    newcomer = make_user(email="new@example.org")

    call_command("import_account", "new@example.org", write_export(tmp_path, original))

    oldest = VisionAnswer.objects.filter(owner=newcomer).order_by("created_at").first()
    assert oldest.created_at == datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC)
    assert oldest.inspired_goals.get().statement == "Pass the AWS Solutions Architect exam"


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize("owns", ["goal", "vision answer"])
def test_import_refuses_an_account_that_owns_something(
    client, rich_account, make_user, make_goal, tmp_path, owns
):
    path = write_export(tmp_path, export_of(client, rich_account))
    other = make_user(email="new@example.org")
    if owns == "goal":
        make_goal(other, statement="Already here")
    else:
        services.vision_answer_save(owner=other, prompt=VisionPrompt.MONEY, text="Gardening")
    before = everything()

    with pytest.raises(CommandError, match="already has goals or vision answers"):
        call_command("import_account", "new@example.org", path)

    assert everything() == before


def test_import_needs_a_known_email(client, rich_account, tmp_path):
    path = write_export(tmp_path, export_of(client, rich_account))
    with pytest.raises(CommandError, match="No account has the email address nobody@"):
        call_command("import_account", "nobody@example.org", path)


def test_import_needs_readable_json(make_user, tmp_path):
    make_user(email="new@example.org")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "careergoals-export", ', encoding="utf-8")

    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("import_account", "new@example.org", str(broken))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_account", "new@example.org", str(tmp_path / "missing.json"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "not a Career Goals export"),
        ({"format": "something-else", "version": 1}, "not a Career Goals export"),
        ({"format": "careergoals-export", "version": 3}, "has version 3; this server reads"),
        ({"format": "careergoals-export", "version": 1, "goals": "all"}, "goals: expected a list"),
        ({"format": "careergoals-export", "version": 1, "goals": ["x"]}, r"goals\[0\]: expected"),
    ],
)
def test_import_refuses_a_malformed_file(make_user, tmp_path, data, message):
    make_user(email="new@example.org")
    with pytest.raises(CommandError, match=message):
        call_command("import_account", "new@example.org", write_export(tmp_path, data))


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda data: data["goals"][1].update(statement=""), r"goals\[1\], statement"),
        (lambda data: data["goals"][1].update(vision_answer=999999), "999999 is not in the file"),
        (
            lambda data: data["goals"][0]["micro_goals"][1].update(deadline="next week"),
            r"goals\[0\]\.micro_goals\[1\], deadline",
        ),
        (
            lambda data: data["goals"][0]["check_ins"][0].update(value={"a": 1}),
            "expected a single value",
        ),
        (lambda data: data["profile"].update(timezone="Nowhere/X"), "profile, timezone"),
        (
            lambda data: data["goals"][1]["celebration"].update(hard="x" * 4001),
            r"goals\[1\]\.celebration, hard: too long: up to 4,000 characters",
        ),
        (
            lambda data: data["vision_answers"][0].update(text="x" * 4001),
            r"vision_answers\[0\], text: too long",
        ),
    ],
)
def test_a_bad_value_imports_nothing(client, rich_account, make_user, tmp_path, spoil, message):
    data = export_of(client, rich_account)
    spoil(data)
    newcomer = make_user(email="new@example.org", display_name="Newcomer")
    before = everything()

    with pytest.raises(CommandError, match=message):
        call_command("import_account", "new@example.org", write_export(tmp_path, data))

    assert everything() == before
    newcomer.refresh_from_db()
    assert (newcomer.display_name, newcomer.timezone) == ("Newcomer", "UTC")


# --- Privacy and the download itself -------------------------------------------------------


def test_nothing_of_another_person_is_exported(client, rich_account, bob, make_goal):
    secret = make_goal(bob, statement="Bob's secret plan")
    services.micro_goal_create(goal=secret, title="Bob's secret step")
    services.vision_answer_save(owner=bob, prompt=VisionPrompt.MONEY, text="Bob's secret wish")
    client.force_login(rich_account)

    for name in ("goals:export_json", "goals:export_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "secret" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("goals:export_json", "careergoals-data-{}.json"),
        ("goals:export_csv", "careergoals-goals-{}.csv"),
    ],
)
def test_downloads_are_dated_attachments_never_cached(client, ana, name, filename):
    client.force_login(ana)
    response = client.get(reverse(name))

    assert response.status_code == 200
    filename = filename.format(user_today(ana).isoformat())
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["goals:export_json", "goals:export_csv"])
def test_downloads_need_sign_in_and_get(client, ana, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    client.force_login(ana)
    assert client.post(reverse(name)).status_code == 405


def test_profile_page_links_to_the_downloads(client, ana):
    client.force_login(ana)
    html = client.get(reverse("users:profile")).content.decode()
    assert reverse("goals:export_json") in html
    assert reverse("goals:export_csv") in html


def csv_rows(client, user) -> list[list[str]]:
    client.force_login(user)
    response = client.get(reverse("goals:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_one_row_per_step_and_a_row_for_a_goal_without_steps(client, rich_account):
    header, *rows = csv_rows(client, rich_account)

    assert header[:5] == ["Goal", "Category", "Horizon", "Goal status", "Goal deadline"]
    assert "Step" in header
    assert "Who can help" in header
    step = header.index("Step")
    assert [(row[0], row[step]) for row in rows] == [
        ("Lead two client projects end to end", "Ask for the Acme project"),
        ("Lead two client projects end to end", "Shadow a project lead"),
        ("Pass the AWS Solutions Architect exam", ""),
    ]
    assert rows[0][header.index("Category")] == "Power and responsibility"
    assert rows[0][header.index("Target value")] == "3.00"
    assert rows[0][header.index("Step status")] == "Done"
    assert rows[2][header.index("Goal status")] == "Achieved"


def test_csv_neutralises_spreadsheet_formulas(client, ana, make_goal):
    goal = make_goal(ana, statement='=HYPERLINK("https://evil.example","Click")')
    titles = ["+1 client", "-2 hours", "@SUM(A1)", "\tTabbed", "\rReturn", "Plain step"]
    for title in titles:
        services.micro_goal_create(goal=goal, title=title, helpers="=cmd|' /C calc'!A0")

    header, *rows = csv_rows(client, ana)

    step, helpers = header.index("Step"), header.index("Who can help")
    assert {row[0] for row in rows} == {'\'=HYPERLINK("https://evil.example","Click")'}
    assert [row[step] for row in rows] == [f"'{title}" for title in titles[:-1]] + ["Plain step"]
    assert {row[helpers] for row in rows} == {"'=cmd|' /C calc'!A0"}
    assert rows[0][header.index("Starting value")] == "0.00"


# --- Cost ---------------------------------------------------------------------------------


def fill(user, make_goal, size: int) -> None:
    today = user_today(user)
    for number in range(size):
        goal = make_goal(user, statement=f"Goal number {number}")
        services.micro_goal_create(goal=goal, title=f"First step of {number}")
        services.micro_goal_create(goal=goal, title=f"Second step of {number}")
        services.check_in_create(goal=goal, value=Decimal("1"), recorded_on=today - DAY)
        if number % 2:
            services.goal_achieve(goal=goal)


@pytest.mark.parametrize("size", [1, 20])
# The JSON: goals own 5, and one or two per section of "Your data" (examples, comments ...).
@pytest.mark.parametrize(("name", "queries"), [("goals:export_json", 16), ("goals:export_csv", 3)])
def test_export_costs_the_same_at_any_size(
    client, ana, make_goal, django_assert_num_queries, size, name, queries
):
    fill(ana, make_goal, size)
    services.vision_answer_save(owner=ana, prompt=VisionPrompt.SUCCESS, text="Leading a team.")
    client.force_login(ana)

    with django_assert_num_queries(queries):
        response = client.get(reverse(name))
    assert response.status_code == 200
