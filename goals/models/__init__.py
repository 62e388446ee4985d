from .celebration import Celebration
from .example import GoalExample, GoalExampleStep
from .goal import Goal, GoalChange
from .micro_goal import MicroGoal
from .progress import CheckIn
from .vision import VisionAnswer, VisionPrompt

__all__ = [
    "Celebration",
    "CheckIn",
    "Goal",
    "GoalChange",
    "GoalExample",
    "GoalExampleStep",
    "MicroGoal",
    "VisionAnswer",
    "VisionPrompt",
]
