# A student's own learning plan (issue 15, item 8). Self-contained: it only adds its own table.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("enrolment", "0011_feedback"),
    ]

    operations = [
        migrations.CreateModel(
            name="LearningPlan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("goals", models.TextField(blank=True, help_text="In the student's own words.", max_length=2000)),
                (
                    "shared_with_staff",
                    models.BooleanField(
                        default=False, help_text="Staff see the plan only while this is on. The student chooses."
                    ),
                ),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "student",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="learning_plan",
                        to="enrolment.student",
                    ),
                ),
                ("topics", models.ManyToManyField(blank=True, related_name="+", to="courses.topic")),
            ],
        ),
    ]
