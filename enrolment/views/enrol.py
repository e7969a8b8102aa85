"""The public enrolment form. It only reads and calls enrolment.services; the rules live there."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from courses.models import CourseRun

from .. import services
from ..forms import EnrolmentForm, PlacesForm
from ..full_run import ONLINE, other_dates_with_spaces, where_choices
from ..models.places import Source
from ..selectors import check_can_join
from ..session import signed_in_student
from .masking import mask_email
from .opening import ask_when_open
from .screening import screen_person

SENT_TO = "enrolment_sent_to"


@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request, run_id: int):
    # Cancelled and finished runs are found too, so the student is told why they cannot enrol.
    run = get_object_or_404(CourseRun.objects.filter(course__live=True).for_listing(), pk=run_id)
    try:
        check_can_join(run, now=timezone.now(), source=Source.ONLINE)
    except services.EnrolmentNotOpenYet:
        return ask_when_open(request, run)  # when it opens, and "email me when it opens"
    except services.EnrolmentError as closed:
        return render(request, "enrolment/closed.html", {"run": run, "message": closed.message})
    student = signed_in_student(request)
    # A signed-in student has given us their details already: they only say who is coming.
    form = (PlacesForm if student else EnrolmentForm)(request.POST or None)
    other_dates = []
    if run.spaces_left <= 0:
        form.offer_other_dates(*where_choices(run))
        other_dates = other_dates_with_spaces(run, now=timezone.now())
    if request.method == "POST":
        screened = screen_person(request, form, student, run=run, bot_goes_to="enrolment:thank_you")
        if screened.response:
            return screened.response
        if screened.student:
            student = screened.student
            try:
                join(run, student, form)
            except services.EnrolmentError as refused:
                form.add_error(None, refused.message)
            else:
                # Whatever happened (enrolled, waiting, already booked) is told to the mailbox only.
                request.session[SENT_TO] = mask_email(student.email)
                return redirect("enrolment:thank_you", run_id=run.pk)
    return render(
        request, "enrolment/enrol.html", {"run": run, "form": form, "student": student, "other_dates": other_dates}
    )


def join(run: CourseRun, student, form: PlacesForm) -> None:
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
        services.join_run(run_id=run.pk, student=student, places=form.places, supporter_name=form.supporter)


@require_http_methods(["GET", "HEAD"])
def thank_you(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    return render(request, "enrolment/thank_you.html", {"run": run, "sent_to": request.session.get(SENT_TO)})
