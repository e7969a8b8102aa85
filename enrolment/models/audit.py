"""The record of every change of state, and the events the emails issue sends from."""

from django.conf import settings
from django.db import models


class StateChange(models.Model):
    """Who changed what, when, from what, to what, and why. Written by enrolment.services only."""

    subject = models.CharField(max_length=20, help_text="enrolment, waitlist or offer")
    subject_id = models.BigIntegerField()
    student = models.ForeignKey("enrolment.Student", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey("courses.CourseRun", null=True, on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=20, help_text="student, staff or system")
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["subject", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.subject_id}: {self.from_state or 'new'} -> {self.to_state}"


class OutboxEvent(models.Model):
    """Something a student must be told, written in the same transaction as the change itself.
    The emails issue sends these; until then they are the record of what would be sent."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", "Enrolment confirmed"
        WAITLISTED = "waitlisted", "Joined the waiting list"
        OFFERED = "offered", "Place offered"
        OFFER_ENDING = "offer_ending", "Offer ending soon"
        OFFER_EXPIRED = "offer_expired", "Offer ran out"
        CANCELLED = "cancelled", "Enrolment cancelled"
        SIGN_IN = "sign_in", "Sign-in link asked for"

    kind = models.CharField(max_length=15, choices=Kind.choices)
    student = models.ForeignKey("enrolment.Student", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey("courses.CourseRun", null=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.BigIntegerField(help_text="The enrolment, waitlist entry or offer it is about.")
    created_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.student}"
