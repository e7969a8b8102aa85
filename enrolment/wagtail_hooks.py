"""Where staff manage students and places in the Wagtail admin (see enrolment/admin/)."""

from django.urls import path, reverse_lazy
from wagtail import hooks

from .admin.my_runs import MyRunsMenuItem
from .admin.permissions import enrolment_permissions
from .admin.runs import CourseRunViewSet
from .admin.staff_log import StaffLogMenuItem, StaffLogView
from .admin.students import StudentViewSet
from .admin.viewset import EnrolmentStaffViewSet
from .audit import register_actions


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
# Staff actions' words in Wagtail's History and Site history: every code in enrolment/audit.py ACTIONS.
hooks.register("register_log_actions", register_actions)


@hooks.register("register_admin_urls")
def register_staff_log_urls():
    return [
        path("reports/staff-log/", StaffLogView.as_view(), name="staff_log"),
        path("reports/staff-log/results/", StaffLogView.as_view(results_only=True), name="staff_log_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_staff_log_menu_item():
    return StaffLogMenuItem("Staff log", reverse_lazy("staff_log"), name="staff-log", icon_name="history", order=900)


# Facilitators only: the runs they facilitate (coordinators have "Course runs").
@hooks.register("register_admin_menu_item")
def register_my_runs_menu_item():
    return MyRunsMenuItem(
        "Your course runs", reverse_lazy("enrolment_staff:my_runs"), icon_name="clipboard-list", order=205
    )
