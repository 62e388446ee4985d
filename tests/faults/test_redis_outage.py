"""Redis stopped under a running site: people keep browsing, signing in, inviting, ticking
steps, commenting and nudging without a single 500, and every email recorded meanwhile goes
out once Redis is back.

gunicorn, a Celery worker and a beat sweeping every second run against a private Redis
(broker and cache) that the test kills and starts again on the same port.
"""

import datetime
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.utils import timezone

from accountability import services as buddies
from accountability.models import Comment, Invitation
from careergoals.notifications.models import Notification
from goals import services as goals
from goals.models import Goal, MicroGoal
from tests.conftest import PASSWORD

from .processes import Visitor, app_env, record_figures
from .services import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(make_user, make_goal):
    """Ana shares a goal with her buddy Bob; Cleo has an account and is not signed in yet."""
    ana, bob, cleo = (
        make_user(email=f"{name}@example.org", display_name=name.title())
        for name in ("ana", "bob", "cleo")
    )
    for person in (ana, bob, cleo):  # a hash the web server's settings can check
        person.password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
        person.save(update_fields=["password"])
    buddies.partnership_create(a=ana, b=bob)
    goal = make_goal(ana)
    buddies.goal_set_visibility(goal=goal, visibility=Goal.Visibility.BUDDIES)
    deadline = timezone.now().date() + datetime.timedelta(days=20)
    step = goals.micro_goal_create(goal=goal, title="Ask for the next project", deadline=deadline)
    return goal, step


def test_redis_outage_answers_no_500_and_loses_no_email(
    people, test_database_url, private_redis, inbox, processes, tmp_path
):
    goal, step = people
    env = app_env(
        database_url=test_database_url,
        redis_url=private_redis.url,
        smtp_port=inbox.port,
        var_dir=tmp_path / "var",
        NOTIFICATION_SWEEP_SECONDS=1,
        NOTIFICATION_RESEND_AFTER_SECONDS=3,
    )
    base = processes.web(env)
    processes.worker(env)
    processes.beat(env, "beat")
    ana, bob, cleo, monitor = Visitor(base), Visitor(base), Visitor(base), Visitor(base)
    assert ana.sign_in("ana@example.org", PASSWORD) == 200
    assert bob.sign_in("bob@example.org", PASSWORD) == 200
    assert monitor.get("/healthz")[0] == 200
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    signed_in_before = len(ana.answers), len(bob.answers)
    private_redis.stop()
    outage_started = time.monotonic()
    for path in ["/home/", goal.get_absolute_url(), "/buddies/", "/notifications/", "/calendar/"]:
        ana.get(path)
    ana.post("/buddies/invite/", {"email": "dora@example.org", "message": "Join me?"})
    ana.post(f"/steps/{step.pk}/status/", {"status": MicroGoal.Status.DONE})
    bob.get(goal.get_absolute_url())
    bob.post(f"/goals/{goal.pk}/comments/", {"text": "Nice progress, keep going"})
    bob.post(f"/goals/{goal.pk}/nudge/")
    signed_in = cleo.sign_in("cleo@example.org", PASSWORD)
    cleo.get("/home/")
    wrong = Visitor(base)
    wrong.sign_in("cleo@example.org", "not the password")  # counts a failed sign-in
    health = monitor.get("/healthz")[0]
    outage_seconds = round(time.monotonic() - outage_started, 1)

    recorded = list(Notification.objects.filter(pk__gt=before, email_status="pending"))
    outage_emails = sorted((n.to_email, n.kind) for n in recorded)
    sent = Notification.objects.filter(pk__in=[n.pk for n in recorded], email_status="sent")
    private_redis.start()
    back = time.monotonic()

    def delivered() -> bool:
        return sent.count() == len(recorded) and inbox.recipients() >= {e for e, _ in outage_emails}

    all_delivered = wait_until(delivered, 60, step=0.5)
    delivery_seconds = round(time.monotonic() - back, 1)
    answers = ana.answers + bob.answers + cleo.answers + wrong.answers + monitor.answers
    during = (
        ana.answers[signed_in_before[0] :]
        + bob.answers[signed_in_before[1] :]
        + cleo.answers
        + wrong.answers
        + monitor.answers[1:]
    )
    figures = record_figures(
        redis_outage_requests=len(during),
        redis_outage_seconds=outage_seconds,
        redis_outage_server_errors=len([a for a in during if a[2] == 500]),
        redis_outage_emails_recorded=len(outage_emails),
        redis_outage_emails_delivered_after=sent.count(),
        redis_outage_delivery_seconds=delivery_seconds,
    )
    log = processes.log("web")[-4000:]
    assert not [a for a in answers if a[2] == 500], (answers, log)
    assert all(status < 400 for _, _, status in ana.answers + bob.answers + cleo.answers), (
        answers,
        log,
    )
    assert signed_in == 200
    assert Invitation.objects.filter(email="dora@example.org").count() == 1
    assert MicroGoal.objects.get(pk=step.pk).status == MicroGoal.Status.DONE
    assert Comment.objects.filter(goal=goal, text="Nice progress, keep going").exists()
    assert health == 503
    assert ("dora@example.org", "invitation") in outage_emails
    assert ("ana@example.org", "comment") in outage_emails
    assert ("ana@example.org", "nudge") in outage_emails
    assert all_delivered, (figures, processes.log("worker")[-3000:])
