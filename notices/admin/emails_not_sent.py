"""Emails not sent: emails that failed for good (with the reason), to try again once the problem
is fixed, and students whose email address is not working (it bounced, or they marked our email
as spam), to clear once the address has been checked with them."""

from django.shortcuts import get_object_or_404

from enrolment.admin.permissions import StaffPage
from enrolment.audit import log_staff_action
from enrolment.models import Student

from ..addresses import clear_undeliverable
from ..models import Notice
from ..staff import send_again
from .buttons import StaffButtonView


def failed_emails():
    return Notice.objects.failed().select_related("student", "run__course").order_by("created_at", "pk")


def addresses_not_working():
    return Student.objects.filter(email_undeliverable_at__isnull=False).order_by("-email_undeliverable_at")


class EmailsNotSentView(StaffPage):
    template_name = "notices/admin/emails_not_sent.html"
    header_icon = "mail"

    def get_page_title(self):
        return "Emails not sent"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": "Emails not sent"}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(failed=list(failed_emails()), students=list(addresses_not_working()), **kwargs)


class SendAgainView(StaffButtonView):
    back_to = "notices_staff:emails_not_sent"

    def perform(self):
        notice = get_object_or_404(Notice.objects.select_related("student"), pk=self.kwargs["notice_id"])
        send_again(notice.pk, self.request.user)
        return f"The email to {notice.student} will be sent again in a moment."


class AddressCheckedView(StaffButtonView):
    back_to = "notices_staff:emails_not_sent"

    def perform(self):
        student = get_object_or_404(Student, pk=self.kwargs["student_id"])
        clear_undeliverable(student)
        log_staff_action(user=self.request.user, instance=student, action="college.notice.address_checked")
        return f"Emails will go to {student.email or student} again."
