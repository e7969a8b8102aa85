"""A student's own learning plan: their recovery learning goals in their own words and the topics
they are interested in. It is theirs: staff see it only while the student chooses to share it,
and it goes entirely when they ask us to delete their data (enrolment.services.forgetting)."""

from django.db import models
from django.utils import timezone

GOALS_MAX_LENGTH = 2000


class LearningPlan(models.Model):
    student = models.OneToOneField("enrolment.Student", on_delete=models.CASCADE, related_name="learning_plan")
    goals = models.TextField(blank=True, max_length=GOALS_MAX_LENGTH, help_text="In the student's own words.")
    topics = models.ManyToManyField("courses.Topic", blank=True, related_name="+")
    shared_with_staff = models.BooleanField(
        default=False, help_text="Staff see the plan only while this is on. The student chooses."
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Learning plan of student {self.student_id}"
