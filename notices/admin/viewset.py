"""The URLs of the notices staff screens, under /admin/notices/."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from .emails_not_sent import AddressCheckedView, EmailsNotSentView, SendAgainView
from .people_to_call import MarkCalledView, PeopleToCallView


class NoticesStaffViewSet(ViewSet):
    name = "notices_staff"
    url_prefix = "notices"

    def get_urlpatterns(self):
        return [
            path("people-to-call/", PeopleToCallView.as_view(), name="people_to_call"),
            path("people-to-call/<int:notice_id>/called/", MarkCalledView.as_view(), name="mark_called"),
            path("emails-not-sent/", EmailsNotSentView.as_view(), name="emails_not_sent"),
            path("emails-not-sent/<int:notice_id>/send-again/", SendAgainView.as_view(), name="send_again"),
            path("students/<int:student_id>/address-checked/", AddressCheckedView.as_view(), name="address_checked"),
        ]
