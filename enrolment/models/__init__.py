from .audit import OutboxEvent, StateChange
from .places import Enrolment, Offer, WaitlistEntry
from .settings import EnrolmentSettings
from .students import Student

__all__ = ["Enrolment", "EnrolmentSettings", "Offer", "OutboxEvent", "StateChange", "Student", "WaitlistEntry"]
