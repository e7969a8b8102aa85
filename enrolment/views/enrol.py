"""The public enrolment form. It only reads and calls enrolment.services; the rules live there."""

import functools

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from courses.models import CourseRun

from .. import services
from ..forms import EnrolmentForm, PlacesForm
from ..full_run import ONLINE, other_dates_with_spaces, suggested_where, where_choices
from ..models import Student
from ..models.places import Source
from ..selectors import check_can_join
from ..session import signed_in_student
from .masking import mask_email
from .opening import ask_when_open
from .screening import screen_person, student_from_form

SENT_TO = "enrolment_sent_to"
SENT_TO_SECONDS = 30 * 60


@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request, run_id: int):
    # Cancelled and finished runs are found too, so the student is told why they cannot enrol.
    # Facilitators come with it: the joining rule reads them, here and again under the run's lock.
    runs = CourseRun.objects.filter(course__live=True).for_listing().prefetch_related("facilitators")
    run = get_object_or_404(runs, pk=run_id)
    try:
        check_can_join(run, now=timezone.now(), source=Source.ONLINE)
    except services.EnrolmentNotOpenYet:
        return ask_when_open(request, run)  # when it opens, and "email me when it opens"
    except services.EnrolmentError as closed:
        return render(request, "enrolment/closed.html", {"run": run, "message": closed.message})
    student = signed_in_student(request)
    # A signed-in student has given us their details already: they only say who is coming.
    form = (PlacesForm if student else EnrolmentForm)(request.POST or None)
    if run.spaces_left <= 0:
        # Read only if shown or a place is ticked: a POST for these dates alone never reads them.
        form.offer_other_dates(functools.cache(lambda: where_choices(run)[0]), suggested_where(run))
    if request.method == "POST":
        screened = screen_person(request, form, student, run=run, bot_goes_to="enrolment:thank_you", find_student=False)
        if screened.response:
            return screened.response
        if screened.passed:
            try:
                student = join(run, student, form)
            except services.EnrolmentError as refused:
                form.add_error(None, refused.message)
            else:
                # Whatever happened (enrolled, waiting, already booked) is told to the mailbox only.
                return thanked(run, student.email)
    other_dates = other_dates_with_spaces(run, now=timezone.now()) if run.spaces_left <= 0 else []
    return render(
        request, "enrolment/enrol.html", {"run": run, "form": form, "student": student, "other_dates": other_dates}
    )


def join(run: CourseRun, student: Student | None, form: PlacesForm) -> Student:
    """Book what the form asks for; returns the student, found or created from the form when
    nobody is signed in. One transaction: one commit, and no new student kept when refused."""
    with transaction.atomic():
        student, new = (student, False) if student else student_from_form(form)
        if form.wants_any_date:
            where = form.cleaned_data["any_where"]
            services.wait_for_any_date(
                course=run.course,
                student=student,
                online_ok=ONLINE in where,
                location_ids=[int(pk) for pk in where if pk != ONLINE],
                places=form.places,
                supporter_name=form.supporter,
            )
        else:
            # No position: the page says only "check your email", and the email says it.
            services.join_run(
                run_id=run.pk,
                student=student,
                places=form.places,
                supporter_name=form.supporter,
                known_run=run,
                tell_position=False,
                new_student=new,
            )
    return student


def thanked(run: CourseRun, email: str) -> HttpResponse:
    """To the thank-you page, which shows the address we emailed, masked. It goes in a signed
    cookie sent to that page alone rather than in the session: enrolling then writes no session
    row, and starts no session that would keep the student's next pages out of the page cache."""
    response = redirect("enrolment:thank_you", run_id=run.pk)
    response.set_cookie(
        SENT_TO,
        signing.dumps(mask_email(email), salt=SENT_TO),
        max_age=SENT_TO_SECONDS,
        path=response.url,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "HEAD"])
def thank_you(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    try:
        sent_to = signing.loads(request.COOKIES.get(SENT_TO, ""), salt=SENT_TO, max_age=SENT_TO_SECONDS)
    except signing.BadSignature:
        sent_to = None  # the page reads well without it: "We have sent an email."
    return render(request, "enrolment/thank_you.html", {"run": run, "sent_to": sent_to})
