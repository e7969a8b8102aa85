"""Where staff manage students and places in the Wagtail admin (see enrolment/admin/)."""

from django.urls import reverse_lazy
from wagtail import hooks

from .admin.my_runs import MyRunsMenuItem
from .admin.permissions import enrolment_permissions
from .admin.runs import CourseRunViewSet
from .admin.students import StudentViewSet
from .admin.viewset import EnrolmentStaffViewSet


@hooks.register("register_admin_viewset")
def register_course_run_viewset():
    return CourseRunViewSet("course_runs")


@hooks.register("register_admin_viewset")
def register_student_viewset():
    return StudentViewSet("students")


@hooks.register("register_admin_viewset")
def register_enrolment_staff_viewset():
    return EnrolmentStaffViewSet()


hooks.register("register_permissions", enrolment_permissions)


# Facilitators only: the runs they facilitate (coordinators have "Course runs").
@hooks.register("register_admin_menu_item")
def register_my_runs_menu_item():
    return MyRunsMenuItem(
        "Your course runs", reverse_lazy("enrolment_staff:my_runs"), icon_name="clipboard-list", order=205
    )
