from .alerts import EnrolmentOpensAlert
from .attendance import Attendance, WalkIn
from .audit import StateChange
from .feedback import FeedbackAnswer
from .places import Enrolment, Offer, WaitlistEntry
from .plans import LearningPlan
from .settings import EnrolmentSettings
from .students import Student

__all__ = [
    "Attendance",
    "Enrolment",
    "EnrolmentOpensAlert",
    "EnrolmentSettings",
    "FeedbackAnswer",
    "LearningPlan",
    "Offer",
    "StateChange",
    "Student",
    "WaitlistEntry",
    "WalkIn",
]
