"""Who came to each session. Rows here change only through enrolment.services.attendance.

One mark per session and enrolment: present, absent or sent apologies. No row means nobody has
taken the register for that person yet, which is not the same as absent.

People who turn up at the door without a place are walk-ins, kept apart from enrolments: they
are not students on the run, so they take no place, are never offered or emailed anything, and
count only towards who was in the room at that session."""

from django.conf import settings
from django.db import models


class Attendance(models.Model):
    class Mark(models.TextChoices):
        PRESENT = "present", "Present"
        ABSENT = "absent", "Absent"
        APOLOGIES = "apologies", "Sent apologies"

    # A session taken out of a run takes its register with it; an enrolment is never deleted.
    session = models.ForeignKey("courses.Session", on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey("enrolment.Enrolment", on_delete=models.PROTECT, related_name="attendance")
    mark = models.CharField(max_length=10, choices=Mark.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "enrolment"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="one_mark_per_session_and_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mark_display()}: enrolment {self.enrolment_id} at session {self.session_id}"


class WalkIn(models.Model):
    """Someone who came to one session without being enrolled, added at the door by staff."""

    session = models.ForeignKey("courses.Session", on_delete=models.CASCADE, related_name="walk_ins")
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=30, blank=True, help_text="E.164, as home/phones.py stores numbers.")
    email = models.EmailField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["session", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} (walked in to session {self.session_id})"
