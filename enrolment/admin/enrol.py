"""Enrolling someone on their behalf (a phone call, a paper form, someone at the desk): find the
student or add them, then join_run with the member of staff as the actor. A full run puts them on
the waiting list unless staff enrol them beyond capacity with a reason."""

from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from enrolment.audit import log_staff_action
from enrolment.models import Student
from enrolment.services import EnrolmentError, JoinResult, Outcome, join_run
from enrolment.services.staff import check_can_enrol_for
from enrolment.services.students import save_details

from .forms import EnrolOnBehalfForm
from .permissions import StaffActionMixin
from .register import RunMixin, run_breadcrumbs
from .student_form import student_form_class
from .students import search_students


def outcome_message(result: JoinResult, student: Student) -> tuple[str, str]:
    """(message level, what to tell staff) for each outcome of join_run."""
    if result.outcome is Outcome.ENROLLED and result.enrolment.over_capacity:
        return "success", f"{student} is enrolled beyond the course's capacity. Your reason is kept with the record."
    if result.outcome is Outcome.ENROLLED:
        return "success", f"{student} is enrolled."
    if result.outcome is Outcome.WAITLISTED:
        return "success", f"The course is full, so {student} is on the waiting list at number {result.position}."
    if result.outcome is Outcome.ALREADY_ENROLLED:
        return "warning", f"{student} is already enrolled on this course, so nothing has changed."
    where = f"at number {result.position}" if result.position else "and has a place offered to them"
    return "warning", f"{student} is already on the waiting list {where}, so nothing has changed."


class EnrolView(RunMixin, StaffActionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrolment/admin/enrol.html"
    header_icon = "user"

    def get_page_title(self):
        return f"Enrol someone: {self.run}"

    def get_breadcrumbs_items(self):
        return run_breadcrumbs(self, self.run, "Enrol someone")

    def get(self, request, *args, **kwargs):
        chosen = request.GET.get("student", "")
        student = Student.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        form = EnrolOnBehalfForm(initial={"student": student})
        return self.render(form, student_form_class()(prefix="new"), student)

    def post(self, request, *args, **kwargs):
        form = EnrolOnBehalfForm(request.POST)
        new_student_form = student_form_class()(request.POST, prefix="new")
        form_ok = form.is_valid()
        chosen = form.cleaned_data.get("student")
        # A chosen student's details are not retyped, so the new-student fields are only checked
        # when nobody was chosen.
        student_ok = bool(chosen) or new_student_form.is_valid()
        if form_ok and student_ok:
            try:
                with transaction.atomic():  # a new student is not kept if they could not be enrolled
                    student = chosen or self.add_student(new_student_form)
                    check_can_enrol_for(student)
                    result = self.join(form.cleaned_data, student)
            except EnrolmentError as error:
                form.add_error(None, error.message)
            else:
                level, message = outcome_message(result, student)
                getattr(messages, level)(request, message)
                return redirect("enrolment_staff:register", self.run.pk)
        return self.render(form, new_student_form, chosen)

    def add_student(self, new_student_form) -> Student:
        student = save_details(new_student_form)
        log_staff_action(
            user=self.request.user, instance=student, action="college.student.add", data={"detail": "while enrolling"}
        )
        return student

    def join(self, data: dict, student: Student) -> JoinResult:
        return join_run(
            run_id=self.run.pk,
            student=student,
            places=data["places"],
            supporter_name=data["supporter_name"],
            source=data["source"],
            actor=self.request.user,
            over_capacity_reason=data["over_capacity_reason"],
        )

    def render(self, form, new_student_form, chosen):
        query = self.request.GET.get("q", "").strip()
        matches = search_students(Student.objects.all(), query)[:20] if query else None
        return self.render_to_response(
            self.get_context_data(
                run=self.run,
                form=form,
                new_student_form=new_student_form,
                chosen=chosen,
                query=query,
                matches=matches,
                full=self.run.places_taken >= self.run.capacity,
            )
        )
