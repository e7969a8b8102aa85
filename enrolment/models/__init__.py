from .alerts import EnrolmentOpensAlert
from .audit import StateChange
from .places import Enrolment, Offer, WaitlistEntry
from .settings import EnrolmentSettings
from .students import Student

__all__ = ["Enrolment", "EnrolmentOpensAlert", "EnrolmentSettings", "Offer", "StateChange", "Student", "WaitlistEntry"]
