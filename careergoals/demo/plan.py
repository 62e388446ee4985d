"""The reminders a real app would hold for the demo data, planned by the apps' own planners.

goals.reminders.plan_goal / plan_step and accountability.reminders.plan_meeting decide
every row; this module only gives them what a re-plan would have read from the database
(each person's choices and time zone, who else hears about a goal) and keeps, like
``scheduling.arm_many``, the moments still ahead.
"""

import datetime

from accountability.reminders import QUARTERLY_STALE_DAYS as PAIR_STALE_DAYS
from accountability.reminders import plan_meeting
from careergoals.notifications.models import NotificationSettings, ScheduledReminder
from careergoals.notifications.scheduling import Planned, next_quarter_moment
from careergoals.users.timezones import user_zone
from goals.reminders import plan_goal, plan_prompt, plan_step

from .writer import Writer

# A reminder planned this close to now could fall due before a sweep right after the seed
# runs; leaving those out keeps "--due D" exact.
MARGIN = datetime.timedelta(minutes=10)
COLUMNS = ["recipient_id", "kind", "item", "occurrence", "due_at", "stale_at"]


class Readings:
    """What goals.reminders' planners read for each person and goal, already known here:
    everyone keeps the default choices (nobody saved the settings page)."""

    def __init__(self):
        self.default = NotificationSettings()
        self._zones: dict[int, object] = {}
        self.audiences: dict[int, list] = {}

    def choices(self, user):
        zone = self._zones.get(user.pk)
        if zone is None:
            zone = self._zones[user.pk] = user_zone(user)
        return self.default, zone

    def audience(self, goal) -> list:
        return self.audiences.get(goal.pk, [])


class Reminders:
    """Planned rows, written in blocks."""

    def __init__(self, writer: Writer):
        self.writer = writer
        self.readings = Readings()
        self.rows: list[tuple] = []
        self.after = writer.now + MARGIN

    def add(self, planned: list[Planned]) -> None:
        for p in planned:
            if p.due_at > self.after:
                self.rows.append(
                    (p.recipient_id, p.kind, p.item, p.occurrence, p.due_at, p.stale_at)
                )

    def goals(self, planned_goals) -> None:
        """Deadline, overdue and buddies' heads-up reminders of goals and their open steps."""
        readings = self.readings
        for goal, open_steps, viewers in planned_goals:
            if goal.buddy_reminders:
                readings.audiences[goal.pk] = [viewer.user for viewer in viewers]
            self.add(plan_goal(goal, readings))
            for step in open_steps:
                self.add(plan_step(step, readings))
            readings.audiences.pop(goal.pk, None)

    def prompts(self, users) -> None:
        """Everyone's next quarterly review prompt (planned at sign-up)."""
        for user in users:
            self.add([plan_prompt(user, self.readings.default, after=self.writer.now)])

    def pairs(self, partnerships_with_users, meetings) -> None:
        """Each pair's quarterly "schedule a review" prompt, for both, and the day-before
        reminders of the meetings to come."""
        now = self.writer.now
        for pk, users in partnerships_with_users:
            for user in users:
                quarter, due = next_quarter_moment(
                    self.readings.default.morning_hour, user_zone(user), now
                )
                stale = due + datetime.timedelta(days=PAIR_STALE_DAYS)
                self.add(
                    [
                        Planned(
                            user.pk,
                            "quarterly_partnership",
                            f"partnership:{pk}",
                            quarter,
                            due,
                            stale,
                        )
                    ]
                )
        for meeting in meetings:
            self.add(plan_meeting(meeting))

    def flush(self) -> None:
        if not self.rows:
            return
        self.writer.insert(ScheduledReminder, COLUMNS, self.rows)
        self.rows = []


def make_due(*, writer: Writer, due: int) -> int:
    """Bring ``due`` pending step reminders forward to now (one per step, open steps whose
    deadline is days ahead, so not stale), picked at random across the people: a sweep then
    has exactly these to record."""
    if due <= 0:
        return 0
    pending = ScheduledReminder.objects.filter(
        status=ScheduledReminder.Status.PENDING,
        kind="deadline",
        item__startswith="step:",
        occurrence__startswith="lead-1:",
        stale_at__gt=writer.now + datetime.timedelta(days=2),
        recipient__email__endswith="@demo.test",
    )
    chosen = list(pending.order_by("?").values_list("pk", flat=True)[:due])
    if len(chosen) < due:
        raise ValueError(
            f"Only {len(chosen)} open steps have a deadline far enough ahead to be due now; "
            f"ask for fewer with --due or for more steps."
        )
    moment = writer.now - datetime.timedelta(minutes=1)
    for start in range(0, len(chosen), 5000):
        ScheduledReminder.objects.filter(pk__in=chosen[start : start + 5000]).update(due_at=moment)
    return len(chosen)
