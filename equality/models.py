"""Equality monitoring, kept apart from who answered.

- EqualitySettings: which questions the college asks (all off until it turns them on).
- EqualityResponse: one person's answers, with no link to them: no student, no email, no time,
  a random id (so the order rows were written in cannot be matched with anything) and only the
  term they were given in. Nobody, staff or the student, can find their answers again.
- EqualityAsked: only that a student has answered, so they are not asked twice. It holds no
  answers and no time, and its key is the student's own (no counter to line up with responses).

Both are written together in one transaction (services.py). An erased student's row stays
anonymous (enrolment/services/forgetting.py), so their EqualityAsked row then says only "this
anonymous row was asked", and their answers stay in the counts, as they were never theirs to find."""

import uuid

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from courses.models import Term
from enrolment.models import Student

from .questions import BY_NAME, LONGEST_CODE, QUESTIONS

WHY_WE_ASK = (
    "We want our courses to be open to everyone. These questions help us see who comes to the "
    "college and who we are missing. We keep your answers apart from your name. Nobody can tell "
    "which answers are yours, and we only share totals."
)


@register_setting(icon="group")
class EqualitySettings(BaseGenericSetting):
    ask_age_band = models.BooleanField("Ask for age", default=False)
    ask_gender = models.BooleanField("Ask for gender", default=False)
    ask_ethnicity = models.BooleanField("Ask for ethnic group", default=False)
    ask_disability = models.BooleanField("Ask about disability or long-term health conditions", default=False)
    ask_sexual_orientation = models.BooleanField("Ask for sexual orientation", default=False)
    why_we_ask = models.TextField(
        default=WHY_WE_ASK, help_text="Shown above the questions. Say why you ask, in plain words."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel(question.setting) for question in QUESTIONS],
            heading="Questions to ask",
            help_text="Students see these in My courses. Every question is optional.",
        ),
        FieldPanel("why_we_ask"),
    ]

    class Meta:
        verbose_name = "equality monitoring"

    def questions_on(self) -> list:
        return [question for question in QUESTIONS if getattr(self, question.setting)]

    @property
    def is_on(self) -> bool:
        return bool(self.questions_on())


def _answer_field(question) -> models.CharField:
    # Blank: not asked, or not answered.
    return models.CharField(question.heading, max_length=LONGEST_CODE, blank=True, choices=question.answers)


class EqualityResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The term it was given in (services.term_for): coarse on purpose. No related name: a term's
    # pages in the admin must not list these.
    term = models.ForeignKey(Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    age_band = _answer_field(BY_NAME["age_band"])
    gender = _answer_field(BY_NAME["gender"])
    ethnicity = _answer_field(BY_NAME["ethnicity"])
    disability = _answer_field(BY_NAME["disability"])
    sexual_orientation = _answer_field(BY_NAME["sexual_orientation"])

    class Meta:
        # No add, change, delete or view permission exists to give anyone: no screen lists these.
        default_permissions = ()
        verbose_name = "equality monitoring answer"

    def __str__(self) -> str:
        return "Equality monitoring answer"


class EqualityAsked(models.Model):
    student = models.OneToOneField(Student, primary_key=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        default_permissions = ()
        verbose_name = "equality monitoring asked"
        verbose_name_plural = "equality monitoring asked"

    def __str__(self) -> str:
        return "Asked about equality monitoring"
