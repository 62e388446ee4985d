"""What buddies write on each other's goals, and what the bell already holds."""

import datetime

from django.urls import reverse

from accountability.models import AttainabilityFeedback, Comment
from careergoals.notifications.models import Notification

from . import words

DAY = datetime.timedelta(days=1)


def moment(rng, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    span = max(int((end - start).total_seconds()), 1)
    return start + datetime.timedelta(seconds=rng.randrange(span))


def social_rows(batch, rng, goal, viewers, steps, *, now):
    """Buddies who see the goal comment on it and its steps, and say whether it looks doable."""
    if not viewers:
        return
    created = goal.created_at
    for _ in range(rng.randint(0, 3) if rng.random() < 0.6 else 0):
        step = rng.choice(steps) if steps and rng.random() < 0.3 else None
        author = rng.choice(viewers).user
        batch.add(
            Comment,
            (
                goal.pk,
                step and step.pk,
                author.pk,
                "comment",
                rng.choice(words.COMMENTS),
                moment(rng, created + DAY, now),
            ),
        )
    if goal.status == "achieved" and rng.random() < 0.6:
        author = rng.choice(viewers).user
        batch.add(
            Comment,
            (
                goal.pk,
                None,
                author.pk,
                "congratulation",
                rng.choice(words.CONGRATULATIONS),
                now - datetime.timedelta(hours=2),
            ),
        )
    if rng.random() < 0.3:
        at = moment(rng, created + DAY, now)
        verdict = rng.choice(AttainabilityFeedback.Verdict.values)
        batch.add(
            AttainabilityFeedback,
            (
                goal.pk,
                rng.choice(viewers).user.pk,
                verdict,
                rng.choice(words.ATTAINABILITY),
                at,
                at,
            ),
        )


def notification_rows(batch, rng, person, planned):
    """What the bell already holds: past deadline reminders, most of them read."""
    user, now = person.user, batch.writer.now
    count = 40 if person.named else rng.randint(0, 3)
    goals = [goal for goal, _, _ in planned]
    for _ in range(count if goals else 0):
        goal = rng.choice(goals)
        at = moment(rng, goal.created_at, now - datetime.timedelta(hours=1))
        subject = f"“{goal.statement}” is due in 7 days"
        text = f"Your goal “{goal.statement}” is due in 7 days. Take a look at your next step."
        read = at + datetime.timedelta(hours=3) if rng.random() < 0.7 else None
        batch.add(
            Notification,
            (
                user.pk,
                user.email,
                "deadline",
                subject,
                text,
                text[:160],
                reverse("goals:goal_detail", args=[goal.pk]),
                at,
                read,
                "sent",
                at + datetime.timedelta(seconds=20),
            ),
        )
