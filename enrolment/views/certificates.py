"""A student's own certificate of attendance, from My courses. Only the signed-in student who holds
the place gets it: another student's place is "not found", exactly as a place that does not exist.
Their own place without a certificate (the course has not ended, they did not complete it, or the
college has stopped giving certificates) takes them back to My courses with a message, because the
link they followed was theirs and a "page not found" would only worry them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ..certificate_files import certificate_download
from ..models import Enrolment
from ..selectors import certificate_for
from .my_courses import student_required

NO_CERTIFICATE = (
    "There is no certificate of attendance for that course. You can download one once a course has "
    "ended, if you came to enough of its sessions."
)


@require_http_methods(["GET", "HEAD"])
@student_required
def my_certificate(request, student, enrolment_id: int):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("student", "run__course").prefetch_related("run__sessions"),
        pk=enrolment_id,
        student=student,
    )
    certificate = certificate_for(enrolment, now=timezone.now())
    if certificate is None:
        messages.info(request, NO_CERTIFICATE)
        return redirect("enrolment:my_courses")
    return certificate_download(certificate)
