"""Rows waiting to be written, table by table, with the primary keys they were given."""

from accountability.models import AttainabilityFeedback, Comment, GoalShare
from careergoals.notifications.models import Notification
from goals.models import Celebration, CheckIn, Goal, GoalChange, MicroGoal, VisionAnswer

from .writer import Writer

# What each table is given, in the order the rows are written (parents first). Rows that
# nothing else points to leave their id to the database.
COLUMNS = {
    VisionAnswer: ["id", "owner_id", "prompt", "text", "created_at"],
    Goal: [
        "id",
        "owner_id",
        "statement",
        "category",
        "horizon",
        "target_date",
        "metric_name",
        "metric_unit",
        "baseline",
        "target",
        "current_value",
        "confidence",
        "attainability_notes",
        "relevance",
        "vision_answer_id",
        "status",
        "visibility",
        "buddy_reminders",
        "abandoned_reason",
        "achieved_at",
        "created_at",
        "updated_at",
    ],
    GoalChange: ["goal_id", "field", "old_value", "new_value", "note", "changed_at"],
    MicroGoal: [
        "id",
        "goal_id",
        "position",
        "title",
        "action_plan",
        "deadline",
        "resources",
        "helpers",
        "status",
        "completed_on",
        "created_at",
    ],
    CheckIn: ["goal_id", "value", "recorded_on", "note", "created_at"],
    Celebration: ["goal_id", "reward", "created_at", "reflected_at", "easy"],
    GoalShare: ["goal_id", "user_id", "created_at"],
    Comment: ["goal_id", "micro_goal_id", "author_id", "kind", "text", "created_at"],
    AttainabilityFeedback: [
        "goal_id",
        "author_id",
        "verdict",
        "comment",
        "created_at",
        "updated_at",
    ],
    Notification: [
        "recipient_id",
        "to_email",
        "kind",
        "subject",
        "body_text",
        "preview",
        "url",
        "created_at",
        "read_at",
        "email_status",
        "sent_at",
    ],
}


class Ids:
    """Primary keys handed out in blocks, one sequence call per few thousand rows."""

    def __init__(self, writer: Writer, model, block: int = 20000):
        self.writer, self.model, self.block = writer, model, block
        self._free: list[int] = []

    def __call__(self) -> int:
        if not self._free:
            self._free = self.writer.ids(self.model, self.block)[::-1]
        return self._free.pop()


class Batch:
    """Rows waiting to be written, flushed every so many steps to keep memory flat."""

    def __init__(self, writer: Writer):
        self.writer = writer
        self.rows = {model: [] for model in COLUMNS}
        self.id = {model: Ids(writer, model) for model in COLUMNS}

    def add(self, model, row: tuple):
        self.rows[model].append(row)
        return row[0]  # the id, for tables whose rows carry one

    def flush(self) -> None:
        for model, rows in self.rows.items():
            if rows:
                self.writer.insert(model, COLUMNS[model], rows)
                self.rows[model] = []  # the writer may still be reading the old list
