from .audit import StateChange
from .places import Enrolment, Offer, WaitlistEntry
from .settings import EnrolmentSettings
from .students import Student

__all__ = ["Enrolment", "EnrolmentSettings", "Offer", "StateChange", "Student", "WaitlistEntry"]
