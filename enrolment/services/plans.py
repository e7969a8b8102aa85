"""Writing a student's learning plan. The plan is the student's own: only they change it, from
My courses, and it is deleted, not kept anonymous, when they ask us to delete their data."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from enrolment.models import LearningPlan, Student


def save_plan(*, student: Student, goals: str, topics, shared_with_staff: bool, now: dt.datetime | None = None):
    """Save `student`'s learning plan as they wrote it (making it the first time): their goals,
    the topics they are interested in, and whether staff may see it."""
    with transaction.atomic():
        plan, _ = LearningPlan.objects.update_or_create(
            student=student,
            defaults={
                "goals": goals.strip(),
                "shared_with_staff": shared_with_staff,
                "updated_at": now or timezone.now(),
            },
        )
        plan.topics.set(topics)
    return plan


def delete_plan(*, student_id: int) -> None:
    """Delete a student's learning plan, if they have one. Nothing in it is counted for anyone,
    so nothing is kept."""
    LearningPlan.objects.filter(student_id=student_id).delete()
