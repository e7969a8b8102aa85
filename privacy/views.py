"""Subject access downloads: staff from a student's page in the admin, students from My courses.
Both give the same ZIP (privacy/export.py). Neither is ever stored by a browser or proxy cache."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import View
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from enrolment.audit import log_staff_action
from enrolment.models import Student
from enrolment.views.my_courses import student_required

from .export import build_zip, filename

SUBJECT_ACCESS = "college.student.subject_access"


def zip_download(student_id: int, *, for_student: bool = False) -> HttpResponse:
    made_at = timezone.now()
    archive = build_zip(student_id, made_at=made_at, for_student=for_student)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename(student_id, made_at)}"'
    add_never_cache_headers(response)  # Cache-Control: no-store, private
    return response


class StaffDownloadView(PermissionCheckedMixin, View):
    """The button on a student's page. Whoever may open that page may download it (the same
    permissions as Wagtail's inspect view of students: coordinators and college admins); anyone
    else goes back to the dashboard, as at the student's page. Logged in the student's History."""

    permission_policy = ModelPermissionPolicy(Student)
    any_permission_required = ["add", "change", "delete", "view"]
    http_method_names = ["get", "head"]

    def get(self, request, student_id: int):
        student = get_object_or_404(Student, pk=student_id)
        response = zip_download(student.pk)
        # Logged after the ZIP is made, so a download lists the downloads before it, not itself.
        log_staff_action(user=request.user, instance=student, action=SUBJECT_ACCESS)
        return response


@require_http_methods(["GET", "HEAD"])
@student_required
def your_data(request, student):
    return render(request, "privacy/your_data.html", {"student": student})


@require_http_methods(["GET", "HEAD"])
@student_required
def your_data_download(request, student):
    return zip_download(student.pk, for_student=True)
