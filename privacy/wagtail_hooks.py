"""Subject access in the Wagtail admin: the download's address beside a student's page. The button
is on templates/enrolment/admin/student_inspect.html; the words its History entry shows are in
enrolment/audit.py ACTIONS, which enrolment registers with Wagtail."""

from django.urls import include, path
from wagtail import hooks

from .views import StaffDownloadView


@hooks.register("register_admin_urls")
def register_subject_access_url():
    # Under /admin/students/, so tests/test_roles.py holds it to the role table like the rest.
    staff_urls = [path("", StaffDownloadView.as_view(), name="subject_access")]
    return [path("students/<int:student_id>/subject-access/", include((staff_urls, "privacy_staff")))]
