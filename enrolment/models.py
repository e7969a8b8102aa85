"""Students and their places on course runs.

Only what the course catalogue needs so far (who holds a place, so it can show spaces left);
the enrolment issue builds waitlists, offers and the services that change these rows."""

from django.db import models
from django.db.models import Q


class Student(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(
        null=True, blank=True, unique=True, help_text="Stored lower-case. Blank for students without email."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class EnrolmentQuerySet(models.QuerySet):
    def holding_places(self):
        """Enrolments that take one of a run's places."""
        return self.filter(status=Enrolment.Status.CONFIRMED)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    run = models.ForeignKey("courses.CourseRun", on_delete=models.PROTECT, related_name="enrolments")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "student"], condition=Q(status="confirmed"), name="one_live_enrolment_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} on {self.run_id} ({self.get_status_display()})"
