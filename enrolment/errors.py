"""Errors the enrolment services raise. Each carries a message that is safe and kind to show the
person it happened to."""


class EnrolmentError(Exception):
    message = "Sorry, we could not do that. Please call us and we will help."

    def __init__(self, message: str | None = None):
        self.message = message or self.message
        super().__init__(self.message)


class RunCancelled(EnrolmentError):
    message = "Sorry, this course has been cancelled. Have a look at other dates for it."


class EnrolmentClosed(EnrolmentError):
    message = "Sorry, enrolment for these dates is closed. Have a look at other dates for this course."


class EnrolmentNotOpenYet(EnrolmentError):
    message = "Enrolment for these dates has not opened yet."


class OfferNotLive(EnrolmentError):
    message = "This offer has already been answered, so there is nothing more to do."


class OfferExpired(EnrolmentError):
    message = (
        "Sorry, the time to accept this place has run out and it has gone to the next person "
        "waiting. You can join the waiting list again."
    )


class ReasonRequired(EnrolmentError):
    message = "Please give a reason: it is kept with the record of this change."


class ErasureOnHold(EnrolmentError):
    """Staff see the hold's reason; the student's own page says something kinder (no reason)."""

    message = "Their details cannot be deleted while the college has a hold on them."

    def __init__(self, reason: str = ""):
        super().__init__(f"{self.message} The reason: {reason}. A college admin can lift the hold." if reason else None)
