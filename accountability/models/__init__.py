from .agreement import Agreement, AgreementConfirmation
from .calendar import CalendarFeed
from .feedback import AttainabilityFeedback, Comment, Nudge
from .invitation import Invitation
from .partnership import MAX_BUDDIES, Partnership
from .review import ReviewMeeting
from .sharing import GoalShare

__all__ = [
    "MAX_BUDDIES",
    "Agreement",
    "AgreementConfirmation",
    "AttainabilityFeedback",
    "CalendarFeed",
    "Comment",
    "GoalShare",
    "Invitation",
    "Nudge",
    "Partnership",
    "ReviewMeeting",
]
