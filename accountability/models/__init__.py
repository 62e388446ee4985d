from .agreement import Agreement, AgreementConfirmation
from .calendar import CalendarFeed
from .check_in import BuddyCheckIn, BuddyCheckInEntry
from .feedback import AttainabilityFeedback, Comment, Nudge
from .invitation import Invitation
from .partnership import FORMER_BUDDY, MAX_BUDDIES, Partnership
from .review import ReviewMeeting
from .sharing import GoalShare
from .suggestion import Suggestion

__all__ = [
    "FORMER_BUDDY",
    "MAX_BUDDIES",
    "Agreement",
    "AgreementConfirmation",
    "AttainabilityFeedback",
    "BuddyCheckIn",
    "BuddyCheckInEntry",
    "CalendarFeed",
    "Comment",
    "GoalShare",
    "Invitation",
    "Nudge",
    "Partnership",
    "ReviewMeeting",
    "Suggestion",
]
