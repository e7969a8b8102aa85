"""People who asked to be emailed when enrolment opens for a run. Not a place and not a queue:
asking gives no priority, it only means one email when the sweep sees enrolment open
(enrolment.services.alerts)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class EnrolmentOpensAlert(models.Model):
    student = models.ForeignKey("enrolment.Student", on_delete=models.CASCADE, related_name="opening_alerts")
    run = models.ForeignKey("courses.CourseRun", on_delete=models.CASCADE, related_name="opening_alerts")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sweep dealt with it: emailed, or not needed any more."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["student", "run"], name="one_opening_alert_per_run")]
        indexes = [
            # The sweep's question every minute: which runs have people still to tell.
            models.Index(fields=["run"], condition=Q(sent_at__isnull=True), name="opening_alert_to_send"),
        ]

    def __str__(self) -> str:
        return f"{self.student} asked about run {self.run_id}"
