"""Where staff manage students and places in the Wagtail admin (see enrolment/admin/)."""

from wagtail import hooks

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
