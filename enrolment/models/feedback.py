"""What students told us after a course: the NHS Friends and Family Test question, two free-text
answers and five optional statements about recovery (the CHIME processes). Rows are written only
by enrolment.services.feedback.

The student is kept only so each person can answer once for each run. Staff pages never show who
answered: facilitators read these answers, and people speak more freely when nobody is named."""

from django.db import models

FFT_QUESTION = "Overall, how was your experience of our service?"


class FeedbackAnswer(models.Model):
    class Experience(models.TextChoices):
        # The NHS Friends and Family Test answers, in the NHS's order and words.
        VERY_GOOD = "very_good", "Very good"
        GOOD = "good", "Good"
        NEITHER = "neither", "Neither good nor poor"
        POOR = "poor", "Poor"
        VERY_POOR = "very_poor", "Very poor"
        DONT_KNOW = "dont_know", "Don't know"

    class Agreement(models.IntegerChoices):
        STRONGLY_DISAGREE = 1, "Strongly disagree"
        DISAGREE = 2, "Disagree"
        NEITHER = 3, "Neither agree nor disagree"
        AGREE = 4, "Agree"
        STRONGLY_AGREE = 5, "Strongly agree"

    run = models.ForeignKey("courses.CourseRun", on_delete=models.PROTECT, related_name="feedback_answers")
    student = models.ForeignKey("enrolment.Student", on_delete=models.PROTECT, related_name="+")
    experience = models.CharField(FFT_QUESTION, max_length=10, choices=Experience.choices)
    what_helped = models.TextField(blank=True)
    could_do_better = models.TextField(blank=True)
    # CHIME: connectedness, hope, identity, meaning, empowerment. Each may be left unanswered.
    connectedness = models.PositiveSmallIntegerField(null=True, blank=True, choices=Agreement.choices)
    hope = models.PositiveSmallIntegerField(null=True, blank=True, choices=Agreement.choices)
    identity = models.PositiveSmallIntegerField(null=True, blank=True, choices=Agreement.choices)
    meaning = models.PositiveSmallIntegerField(null=True, blank=True, choices=Agreement.choices)
    empowerment = models.PositiveSmallIntegerField(null=True, blank=True, choices=Agreement.choices)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["run", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "student"], name="one_feedback_answer_per_student_and_run"),
        ]

    def __str__(self) -> str:
        return f"Feedback on run {self.run_id}: {self.get_experience_display()}"


# The statements as students read them, in CHIME's order; each field above holds how far they agree.
CHIME_STATEMENTS = (
    ("connectedness", "I feel more connected to other people"),
    ("hope", "I feel more hopeful about my future"),
    ("identity", "I feel better about who I am"),
    ("meaning", "I have found more meaning and purpose in my life"),
    ("empowerment", "I feel more in control of my life and my recovery"),
)
