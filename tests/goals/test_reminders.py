"""What is due when: deadline reminders in each person's own morning, across DST changes."""

import datetime
import io
import json
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from careergoals.notifications.kinds import PREFERENCES
from careergoals.notifications.models import Notification, ScheduledReminder
from careergoals.notifications.preferences import settings_for
from careergoals.notifications.sweep import sweep_reminders
from goals import reminders, services
from goals.models import Goal, MicroGoal

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
DEADLINE = datetime.date(2027, 3, 30)  # between the US (14 Mar) and EU (28 Mar) clock changes


def goal_for(user, deadline=DEADLINE):
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        return services.goal_create(
            owner=user,
            statement="Publish three articles about testing",
            target_date=deadline,
            metric_name="Articles",
            baseline=Decimal(0),
            target=Decimal(3),
        )


def due_times(goal):
    return {
        p.occurrence.split(":")[0]: p.due_at
        for p in reminders.plan_goal(goal)
        if p.recipient_id == goal.owner_id
    }


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # 08:00 local. Berlin: CET (UTC+1) until 28 March, CEST (UTC+2) after.
        (
            "Europe/Berlin",
            {
                "lead-14": "2027-03-16 07:00",
                "lead-7": "2027-03-23 07:00",
                "lead-1": "2027-03-29 06:00",
                "overdue": "2027-03-31 06:00",
            },
        ),
        # New York: already on EDT (UTC-4) since 14 March.
        (
            "America/New_York",
            {
                "lead-14": "2027-03-16 12:00",
                "lead-7": "2027-03-23 12:00",
                "lead-1": "2027-03-29 12:00",
                "overdue": "2027-03-31 12:00",
            },
        ),
        # Kiritimati is UTC+14: 08:00 there is 18:00 the day before in UTC.
        (
            "Pacific/Kiritimati",
            {
                "lead-14": "2027-03-15 18:00",
                "lead-7": "2027-03-22 18:00",
                "lead-1": "2027-03-28 18:00",
                "overdue": "2027-03-30 18:00",
            },
        ),
        (
            "UTC",
            {
                "lead-14": "2027-03-16 08:00",
                "lead-7": "2027-03-23 08:00",
                "lead-1": "2027-03-29 08:00",
                "overdue": "2027-03-31 08:00",
            },
        ),
    ],
)
def test_due_times_in_the_owners_morning(make_user, zone, expected):
    user = make_user(email=f"{zone.replace('/', '.')}@example.org", timezone=zone)
    times = {
        k: v.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        for k, v in due_times(goal_for(user)).items()
    }
    assert times == expected


def test_lead_times_and_hour_follow_preferences(make_user):
    user = make_user(email="early@example.org", timezone="Europe/Berlin")
    choices = settings_for(user)
    choices.lead_days, choices.morning_hour = [3], 6
    choices.save()
    times = due_times(goal_for(user))
    assert set(times) == {"lead-3", "overdue"}
    assert times["lead-3"] == datetime.datetime(2027, 3, 27, 5, 0, tzinfo=UTC)  # 06:00 CET


def test_nothing_for_closed_goals_or_without_deadline(ana):
    goal = goal_for(ana)
    services.goal_abandon(goal=goal, reason="Changed teams")
    assert reminders.plan_goal(goal) == []
    undated = goal_for(ana, deadline=None)
    assert reminders.plan_goal(undated) == []


def deadline_rows():
    """The reminders about deadlines (everyone also has a quarterly prompt planned)."""
    return ScheduledReminder.objects.filter(kind__in=reminders.KINDS)


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return sweep_reminders()


def test_sweep_sends_each_reminder_once_at_its_moment(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
    assert deadline_rows().filter(status="pending").count() == 4
    assert sweep_at(datetime.datetime(2027, 3, 16, 7, 59, tzinfo=UTC)) == 0
    assert sweep_at(datetime.datetime(2027, 3, 16, 8, 0, tzinfo=UTC)) == 1
    assert sweep_at(datetime.datetime(2027, 3, 16, 8, 1, tzinfo=UTC)) == 0  # not twice
    (notification,) = Notification.objects.filter(kind="deadline")
    assert notification.subject == "“Publish three articles about testing” is due in 14 days"
    assert notification.recipient == ana


def test_after_downtime_only_the_newest_is_sent_and_stale_ones_skipped(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
    # Down from before the 14-day reminder until after the 7-day one.
    assert sweep_at(datetime.datetime(2027, 3, 24, 9, 0, tzinfo=UTC)) == 1
    sent = deadline_rows().get(status="sent")
    assert sent.occurrence.startswith("lead-7")
    skipped = deadline_rows().get(status="skipped")
    assert skipped.occurrence.startswith("lead-14")
    assert "superseded" in skipped.skip_reason
    # Down past the deadline: the last lead reminder is stale, recorded as skipped.
    assert sweep_at(datetime.datetime(2027, 3, 31, 1, 0, tzinfo=UTC)) == 0
    assert "stale" in ScheduledReminder.objects.get(occurrence__startswith="lead-1:").skip_reason


def test_moving_the_deadline_re_arms(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
        services.goal_update(goal=goal, target_date=datetime.date(2027, 6, 30))
        reminders.arm_goal(goal)
    pending = set(deadline_rows().filter(status="pending").values_list("occurrence", flat=True))
    assert pending == {
        "lead-14:2027-06-30",
        "lead-7:2027-06-30",
        "lead-1:2027-06-30",
        "overdue:2027-06-30",
    }


def test_a_reminder_for_a_goal_achieved_meanwhile_is_skipped(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        reminders.arm_goal(goal)
    Goal.objects.filter(pk=goal.pk).update(  # e.g. an import
        status=Goal.Status.ACHIEVED, achieved_at=datetime.datetime.now(tz=datetime.UTC)
    )
    assert sweep_at(datetime.datetime(2027, 3, 16, 9, 0, tzinfo=UTC)) == 0
    assert ScheduledReminder.objects.get(occurrence__startswith="lead-14").skip_reason == (
        "no longer due"
    )


def test_steps_have_their_own_reminders(ana):
    goal = goal_for(ana)
    with time_machine.travel(datetime.datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        step = services.micro_goal_create(
            goal=goal, title="Draft article one", deadline=datetime.date(2027, 2, 10)
        )
        reminders.arm_step(step)
    assert sweep_at(datetime.datetime(2027, 2, 9, 8, 0, tzinfo=UTC)) == 1
    notification = Notification.objects.get()
    assert notification.subject == "“Draft article one” is due tomorrow"
    assert "part of “Publish three articles about testing”" in notification.body_text


# --- Re-planning: imports, preferences, re-saves, just-missed moments, DST, odd dates -----------

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
PRESENT = datetime.datetime(2027, 5, 12, 14, 20, tzinfo=BERLIN)  # a Wednesday afternoon


def pending(**filters):
    return {
        r.occurrence.split(":")[0]: r.due_at
        for r in deadline_rows().filter(status="pending", **filters)
    }


def save_settings(client, user, *, leads=("14", "7", "1"), hour="8", emails=None):
    client.force_login(user)
    data = {
        "emails": list(emails if emails is not None else PREFERENCES),
        "lead_days": list(leads),
        "morning_hour": hour,
    }
    response = client.post(reverse("notifications:notification_settings"), data)
    assert response.status_code == 302
    return response


def test_an_imported_account_gets_its_reminders(make_user, tmp_path):
    make_user(email="new@example.org", timezone="UTC")
    export = {
        "format": "careergoals-export",
        "version": 1,
        "profile": {
            "email": "old@example.org",
            "display_name": "Moved",
            "timezone": "Europe/Berlin",
        },
        "vision_answers": [],
        "goals": [
            {
                "id": 7,
                "statement": "Publish three articles about testing",
                "category": "knowledge",
                "horizon": 1,
                "target_date": "2027-06-11",  # 30 days after the import
                "metric_name": "Articles",
                "baseline": "0",
                "target": "3",
                "status": "active",
                "micro_goals": [
                    {"position": 1, "title": "Draft article one", "deadline": "2027-05-22"},
                    {
                        "position": 2,
                        "title": "Done already",
                        "deadline": "2027-05-20",
                        "status": "done",
                        "completed_on": "2027-05-01",
                    },
                ],
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    with time_machine.travel(PRESENT, tick=False):
        call_command("import_account", "new@example.org", str(path), stdout=io.StringIO())
    goal = Goal.objects.get(owner__email="new@example.org")
    step = goal.micro_goals.get(title="Draft article one")
    # At 08:00 in the imported time zone (CEST, UTC+2).
    assert pending(item=f"goal:{goal.pk}") == {
        "lead-14": datetime.datetime(2027, 5, 28, 6, 0, tzinfo=UTC),
        "lead-7": datetime.datetime(2027, 6, 4, 6, 0, tzinfo=UTC),
        "lead-1": datetime.datetime(2027, 6, 10, 6, 0, tzinfo=UTC),
        "overdue": datetime.datetime(2027, 6, 12, 6, 0, tzinfo=UTC),
    }
    assert set(pending(item=f"step:{step.pk}")) == {"lead-7", "lead-1", "overdue"}
    done = goal.micro_goals.get(title="Done already")
    assert not ScheduledReminder.objects.filter(item=f"step:{done.pk}").exists()


def test_changing_the_hour_moves_reminders_already_planned(client, make_user):
    user = make_user(email="early@example.org", timezone="Europe/Berlin")
    with time_machine.travel(PRESENT, tick=False):
        goal = services.goal_create(
            owner=user, statement="Ship the beta", target_date=datetime.date(2027, 6, 11)
        )
        assert pending()["lead-7"] == datetime.datetime(2027, 6, 4, 6, 0, tzinfo=UTC)
        save_settings(client, user, leads=["7", "3"], hour="6")
    assert pending(item=f"goal:{goal.pk}") == {
        "lead-7": datetime.datetime(2027, 6, 4, 4, 0, tzinfo=UTC),  # 06:00 CEST
        "lead-3": datetime.datetime(2027, 6, 8, 4, 0, tzinfo=UTC),
        "overdue": datetime.datetime(2027, 6, 12, 4, 0, tzinfo=UTC),
    }


def test_changing_the_time_zone_moves_reminders_already_planned(client, make_user):
    user = make_user(email="mover@example.org", timezone="Europe/Berlin", display_name="Mo")
    with time_machine.travel(PRESENT, tick=False):
        services.goal_create(
            owner=user, statement="Ship the beta", target_date=datetime.date(2027, 6, 11)
        )
        client.force_login(user)
        response = client.post(
            reverse("users:profile"), {"display_name": "Mo", "timezone": "America/New_York"}
        )
        assert response.status_code == 302
    assert pending()["lead-7"] == datetime.datetime(2027, 6, 4, 12, 0, tzinfo=UTC)  # 08:00 EDT


def test_re_saving_a_step_re_plans_it(client, make_user):
    user = make_user(email="saver@example.org", timezone="Europe/Berlin")
    with time_machine.travel(PRESENT, tick=False):
        goal = services.goal_create(
            owner=user, statement="Ship the beta", target_date=datetime.date(2027, 7, 1)
        )
        step = services.micro_goal_create(
            goal=goal, title="Write the release notes", deadline=datetime.date(2027, 6, 11)
        )
        # A reminder planned at another hour (say, by an older version of the app).
        ScheduledReminder.objects.filter(item=f"step:{step.pk}").update(
            due_at=datetime.datetime(2027, 6, 4, 20, 0, tzinfo=UTC)
        )
        client.force_login(user)
        response = client.post(
            reverse("goals:micro_goal_edit", args=[step.pk]),
            {"title": "Write the release notes", "deadline": "2027-06-11"},
        )
        assert response.status_code == 302
    assert pending(item=f"step:{step.pk}")["lead-7"] == datetime.datetime(
        2027, 6, 4, 6, 0, tzinfo=UTC
    )


def add_step_at(moment, user, *, days_ahead: int, title="Write the release notes"):
    with time_machine.travel(moment, tick=False):
        goal = services.goal_create(
            owner=user, statement="Ship the beta", target_date=datetime.date(2027, 12, 1)
        )
        return services.micro_goal_create(
            goal=goal,
            title=title,
            deadline=moment.date() + datetime.timedelta(days=days_ahead),
        )


def test_a_just_missed_reminder_goes_out_at_the_next_sweep_once(client, make_user):
    user = make_user(email="late@example.org", timezone="Europe/Berlin")
    # 14:20: the 7-day reminder of a step due in 7 days was due at 08:00 today.
    add_step_at(PRESENT, user, days_ahead=7)
    assert sweep_at(PRESENT + datetime.timedelta(minutes=1)) == 1
    (sent,) = Notification.objects.filter(kind="deadline")
    assert sent.subject == "“Write the release notes” is due in 7 days"
    # Choosing a later hour today does not send the same reminder again.
    with time_machine.travel(PRESENT + datetime.timedelta(minutes=2), tick=False):
        save_settings(client, user, leads=["7", "1"], hour="15")
    assert sweep_at(datetime.datetime(2027, 5, 12, 15, 0, tzinfo=BERLIN)) == 0
    assert Notification.objects.filter(kind="deadline").count() == 1


def test_only_the_latest_missed_lead_and_only_just_missed(make_user):
    user = make_user(email="late@example.org", timezone="Europe/Berlin")
    # Due in 6 days: the 7-day reminder was missed yesterday afternoon (less than a day ago)
    # and the 14-day one a week ago. Only the 7-day one goes out.
    step = add_step_at(datetime.datetime(2027, 5, 12, 7, 30, tzinfo=BERLIN), user, days_ahead=6)
    assert sweep_at(datetime.datetime(2027, 5, 12, 7, 31, tzinfo=BERLIN)) == 1
    (sent,) = deadline_rows().filter(status="sent")
    assert (sent.item, sent.occurrence) == (f"step:{step.pk}", "lead-7:2027-05-18")
    assert set(pending(item=f"step:{step.pk}")) == {"lead-1", "overdue"}


def test_a_missed_reminder_is_never_sent_once_the_deadline_has_passed(make_user):
    user = make_user(email="late@example.org", timezone="Europe/Berlin")
    add_step_at(PRESENT, user, days_ahead=-1)  # due yesterday
    assert sweep_at(PRESENT + datetime.timedelta(minutes=1)) == 0
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("deadline", "local_reminders"),
    [
        # Summer time starts on Sunday 28 March 2027: 09:00 is 08:00 UTC before, 07:00 after.
        (
            datetime.date(2027, 4, 4),
            {
                "lead-14": datetime.datetime(2027, 3, 21, 8, 0, tzinfo=UTC),
                "lead-7": datetime.datetime(2027, 3, 28, 7, 0, tzinfo=UTC),  # the change day
                "lead-1": datetime.datetime(2027, 4, 3, 7, 0, tzinfo=UTC),
            },
        ),
        # Summer time ends on Sunday 31 October 2027: 09:00 is 07:00 UTC before, 08:00 after.
        (
            datetime.date(2027, 11, 7),
            {
                "lead-14": datetime.datetime(2027, 10, 24, 7, 0, tzinfo=UTC),
                "lead-7": datetime.datetime(2027, 10, 31, 8, 0, tzinfo=UTC),  # the change day
                "lead-1": datetime.datetime(2027, 11, 6, 8, 0, tzinfo=UTC),
            },
        ),
    ],
)
def test_the_chosen_hour_holds_across_a_dst_change(client, make_user, deadline, local_reminders):
    user = make_user(email="berlin@example.org", timezone="Europe/Berlin")
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, 0, tzinfo=UTC), tick=False):
        goal = services.goal_create(owner=user, statement="Ship the beta", target_date=deadline)
        save_settings(client, user, hour="9")
    leads = {k: v for k, v in pending(item=f"goal:{goal.pk}").items() if k != "overdue"}
    assert leads == local_reminders
    for sent, moment in enumerate(local_reminders.values()):
        assert moment.astimezone(BERLIN).hour == 9
        sweep_at(moment - datetime.timedelta(minutes=1))
        assert Notification.objects.filter(kind="deadline").count() == sent
        sweep_at(moment)
        assert Notification.objects.filter(kind="deadline").count() == sent + 1


@pytest.mark.parametrize("deadline", [datetime.date.min, datetime.date.max])
def test_planning_survives_the_ends_of_the_calendar(client, make_user, deadline):
    """Dates are bounded on input; planning must not break on one that slipped through."""
    zones = ["Pacific/Kiritimati", "Pacific/Pago_Pago"]  # UTC+14 and UTC-11
    for index, zone in enumerate(zones):
        user = make_user(email=f"edge{index}@example.org", timezone=zone)
        with time_machine.travel(PRESENT, tick=False):
            goal = services.goal_create(owner=user, statement="Ship the beta")
            step = services.micro_goal_create(goal=goal, title="Write the release notes")
            Goal.objects.filter(pk=goal.pk).update(target_date=deadline)
            MicroGoal.objects.filter(pk=step.pk).update(deadline=deadline)
            step.refresh_from_db()
            reminders.arm_step(step)  # does not raise
            save_settings(client, user, hour="23")  # re-plans everything: no 500
            save_settings(client, user, hour="0")
        assert not deadline_rows().filter(recipient=user, due_at__lte=PRESENT).exists()


def test_moving_to_another_time_zone_re_plans_the_reminders(ana):
    """careergoals.users only says the zone changed; notifications re-plans (issue 10)."""
    from careergoals.users.services import user_update_profile

    ana.timezone = "Europe/Berlin"
    ana.save(update_fields=["timezone"])
    goal = goal_for(ana)

    def pending():
        return {
            r.occurrence.split(":")[0]: r.due_at.strftime("%Y-%m-%d %H:%M")
            for r in ScheduledReminder.objects.filter(status="pending", item=f"goal:{goal.pk}")
        }

    assert pending()["lead-7"] == "2027-03-23 07:00"
    user_update_profile(user=ana, display_name="Ana", timezone="America/New_York")
    assert pending()["lead-7"] == "2027-03-23 12:00"
