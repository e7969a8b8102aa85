"""Where staff manage students and places in the Wagtail admin (see enrolment/admin/)."""

from django.urls import reverse_lazy
from wagtail import hooks

from .admin.permissions import StaffMenuItem, enrolment_permissions
from .admin.students import StudentViewSet
from .admin.viewset import EnrolmentStaffViewSet


@hooks.register("register_admin_viewset")
def register_student_viewset():
    return StudentViewSet("students")


@hooks.register("register_admin_viewset")
def register_enrolment_staff_viewset():
    return EnrolmentStaffViewSet()


# Next to "Offers to phone": the other follow-ups staff work through.
@hooks.register("register_admin_menu_item")
def register_people_to_call_menu_item():
    return StaffMenuItem("People to call", reverse_lazy("enrolment_staff:people_to_call"), icon_name="mobile-alt",
                         order=217)


@hooks.register("register_admin_menu_item")
def register_emails_not_sent_menu_item():
    return StaffMenuItem("Emails not sent", reverse_lazy("enrolment_staff:emails_not_sent"), icon_name="mail",
                         order=218)


hooks.register("register_permissions", enrolment_permissions)
