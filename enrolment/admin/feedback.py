"""Feedback results for staff: one page per course (all its runs) and one per pair of
facilitators. Figures and comments only: the pages never say who answered (see
enrolment/feedback_results.py for how small groups are kept unidentifiable)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property

from courses.models import CoursePage, Facilitator
from enrolment.feedback_results import feedback_results, for_course, for_pair, pairs_for_course
from enrolment.models.feedback import FFT_QUESTION

from .permissions import StaffPage


class FeedbackPage(StaffPage):
    template_name = "enrolment/admin/feedback_results.html"
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("course_runs:index"), "label": "Course runs"},
            {"url": "", "label": self.get_page_title()},
        ]

    def results_context(self, answers, **kwargs):
        return super().get_context_data(results=feedback_results(answers), fft_question=FFT_QUESTION, **kwargs)


class CourseFeedbackView(FeedbackPage):
    @cached_property
    def course(self) -> CoursePage:
        return get_object_or_404(CoursePage, pk=self.kwargs["course_id"])

    def get_page_title(self):
        return f"Feedback: {self.course.title}"

    def get_context_data(self, **kwargs):
        return self.results_context(
            for_course(self.course.pk), about="all dates of this course", pairs=pairs_for_course(self.course.pk)
        )


class PairFeedbackView(FeedbackPage):
    @cached_property
    def pair(self) -> tuple[Facilitator, Facilitator]:
        return (
            get_object_or_404(Facilitator, pk=self.kwargs["first_id"]),
            get_object_or_404(Facilitator, pk=self.kwargs["second_id"]),
        )

    def get_page_title(self):
        first, second = self.pair
        return f"Feedback: courses led by {first.name} and {second.name}"

    def get_context_data(self, **kwargs):
        first, second = self.pair
        return self.results_context(for_pair(first.pk, second.pk), about="every course they led together")
