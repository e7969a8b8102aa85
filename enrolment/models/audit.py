"""The record of every change of state. What each change owes the student is in notices.Notice."""

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
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=20, help_text="student, staff or system")
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["subject", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.subject_id}: {self.from_state or 'new'} -> {self.to_state}"
