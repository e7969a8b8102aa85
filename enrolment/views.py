"""Public enrolment pages. They only read and call enrolment.services; the rules live there."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from courses.models import CourseRun

from . import services
from .forms import EnrolmentForm
from .models.places import Source
from .services.joining import check_can_join
from .services.students import find_or_create_student

SENT_TO = "enrolment_sent_to"


def mask_email(email: str) -> str:
    """'jo.bloggs@example.org' -> 'j•••@example.org': enough to spot a typo, not enough to harvest."""
    name, _, domain = email.partition("@")
    return f"{name[:1]}•••@{domain}"


@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.upcoming().for_listing(), pk=run_id)
    try:
        check_can_join(run, now=timezone.now(), source=Source.ONLINE)
    except services.EnrolmentError as closed:
        return render(request, "enrolment/closed.html", {"run": run, "message": closed.message})
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST":
        if form.is_under_18:
            return render(request, "enrolment/under_18.html", {"run": run})
        if form.is_bot:
            return redirect("enrolment:thank_you", run_id=run.pk)
        if form.is_valid():
            data = form.cleaned_data
            student, _ = find_or_create_student(data, consent_how=Source.ONLINE)
            try:
                services.join_run(run_id=run.pk, student=student, places=2 if data["bring_supporter"] else 1,
                                  supporter_name=data["supporter_name"] if data["bring_supporter"] else "")
            except services.EnrolmentError as refused:
                form.add_error(None, refused.message)
            else:
                # Whatever happened (enrolled, waiting, already booked) is told to the mailbox only.
                request.session[SENT_TO] = mask_email(student.email)
                return redirect("enrolment:thank_you", run_id=run.pk)
    return render(request, "enrolment/enrol.html", {"run": run, "form": form})


@require_http_methods(["GET", "HEAD"])
def thank_you(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    return render(request, "enrolment/thank_you.html", {"run": run, "sent_to": request.session.get(SENT_TO)})
