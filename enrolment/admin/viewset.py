"""The URLs of the staff enrolment screens (under /admin/enrolment/) and the "Offers to phone"
menu item ("People to call" and "Emails not sent" are added in wagtail_hooks.py). Students have
their own ModelViewSet (students.py)."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from .actions import CancelEnrolmentView, MoveUpView, RemoveFromWaitlistView
from .calls import CallListView, RecordAnswerView
from .emails_not_sent import AddressCheckedView, EmailsNotSentView, SendAgainView
from .enrol import EnrolView
from .people_to_call import MarkCalledView, PeopleToCallView
from .permissions import StaffMenuItem
from .register import RegisterView, SignInSheetView


class EnrolmentStaffViewSet(ViewSet):
    name = "enrolment_staff"
    url_prefix = "enrolment"
    icon = "mobile-alt"
    menu_label = "Offers to phone"
    menu_order = 216
    add_to_admin_menu = True
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        # The first pattern is where the menu item goes.
        return [
            path("offers-to-phone/", CallListView.as_view(), name="calls"),
            path("offers/<int:offer_id>/<str:answer>/", RecordAnswerView.as_view(), name="record_answer"),
            path("runs/<int:run_id>/register/", RegisterView.as_view(), name="register"),
            path("runs/<int:run_id>/sign-in-sheet/", SignInSheetView.as_view(), name="sign_in_sheet"),
            path("runs/<int:run_id>/enrol/", EnrolView.as_view(), name="enrol"),
            path("runs/<int:run_id>/places/<int:enrolment_id>/cancel/", CancelEnrolmentView.as_view(),
                 name="cancel"),
            path("runs/<int:run_id>/waiting/<int:entry_id>/remove/", RemoveFromWaitlistView.as_view(),
                 name="remove"),
            path("runs/<int:run_id>/waiting/<int:entry_id>/move-up/", MoveUpView.as_view(), name="move_up"),
            path("people-to-call/", PeopleToCallView.as_view(), name="people_to_call"),
            path("people-to-call/<int:notice_id>/called/", MarkCalledView.as_view(), name="mark_called"),
            path("emails-not-sent/", EmailsNotSentView.as_view(), name="emails_not_sent"),
            path("emails-not-sent/<int:notice_id>/send-again/", SendAgainView.as_view(), name="send_again"),
            path("students/<int:student_id>/address-checked/", AddressCheckedView.as_view(),
                 name="address_checked"),
        ]
