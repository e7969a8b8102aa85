"""Runs not open for enrolment yet: the enrol address says when it opens and lets people ask for
one email when it does. The rules are in enrolment.services.alerts; this only asks and answers."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import CourseRun

from .. import services
from ..models import EnrolmentOpensAlert
from ..opening_form import OpeningAlertForm
from ..services.alerts import ask_to_be_told_when_open, stop_telling
from ..session import signed_in_student
from .masking import mask_email
from .screening import screen_person

ASKED_FOR = "opening_alert_sent_to"


def ask_when_open(request, run: CourseRun):
    """Called by the enrol view for a run whose enrolment has not opened, for GET and POST alike."""
    student = signed_in_student(request)
    # A signed-in student has given us their details already: one button is enough.
    data = request.POST if request.method == "POST" else None  # the one button sends no fields
    form = forms.Form(data) if student else OpeningAlertForm(data)
    if request.method == "POST":
        screened = screen_person(request, form, student, run=run, bot_goes_to="enrolment:opening_alert_sent")
        if screened.response:
            return screened.response
        if screened.student:
            student = screened.student
            try:
                ask_to_be_told_when_open(run_id=run.pk, student=student)
            except services.EnrolmentError:
                return redirect("enrolment:enrol", run_id=run.pk)  # it opened meanwhile: enrol now
            # The same answer whether or not they asked before, or we knew the email.
            request.session[ASKED_FOR] = mask_email(student.email)
            return redirect("enrolment:opening_alert_sent", run_id=run.pk)
    return render(request, "enrolment/opening_alert.html", {"run": run, "form": form, "student": student})


@require_http_methods(["GET", "HEAD"])
def opening_alert_sent(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    return render(request, "enrolment/opening_alert_sent.html", {"run": run, "sent_to": request.session.get(ASKED_FOR)})


def opening_alerts_of(student) -> list[EnrolmentOpensAlert]:
    """For My courses: the dates they asked about whose email has not gone yet."""
    return list(
        EnrolmentOpensAlert.objects.filter(student=student, sent_at__isnull=True)
        .select_related("run__course", "run__location")
        .prefetch_related("run__sessions")
    )


@require_POST
def stop_opening_alert(request, run_id: int):
    student = signed_in_student(request)
    if student is None:
        return redirect("enrolment:sign_in")
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    stop_telling(student_id=student.pk, run_id=run.pk)
    messages.success(request, f"We will not email you when enrolment opens for {run.course.title}.")
    return redirect("enrolment:my_courses")
