"""The URLs of the staff enrolment screens (under /admin/enrolment/) and the "Offers to phone"
menu item. Students have their own ModelViewSet (students.py); "People to call" and "Emails not
sent" belong to notices (notices/admin/)."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from .actions import CancelEnrolmentView, MoveUpView, RemoveFromWaitlistView
from .attendance import AddWalkInView, EraseWalkInView, MarkAttendanceView, RemoveWalkInView, TakeRegisterView
from .calls import CallListView, RecordAnswerView
from .certificates import CertificateView
from .downloads import RegisterDownloadView, WaitingListsDownloadView
from .enrol import EnrolView
from .feedback import CourseFeedbackView, PairFeedbackView
from .my_runs import MyRunsView
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
            # A facilitator's own runs (my_runs.py; its menu item is in wagtail_hooks.py).
            path("your-runs/", MyRunsView.as_view(), name="my_runs"),
            path("runs/<int:run_id>/sign-in-sheet/", SignInSheetView.as_view(), name="sign_in_sheet"),
            # Files to download, as csv or xlsx (downloads.py).
            path(
                "runs/<int:run_id>/register/download/<str:file_format>/",
                RegisterDownloadView.as_view(),
                name="register_download",
            ),
            path(
                "waiting-lists/download/<str:file_format>/",
                WaitingListsDownloadView.as_view(),
                name="waiting_lists_download",
            ),
            # A certificate of attendance as PDF, for a place that completed the run (certificates.py).
            path(
                "runs/<int:run_id>/certificates/<int:enrolment_id>/",
                CertificateView.as_view(),
                name="certificate",
            ),
            # What students said after their courses, without names (feedback.py).
            path("feedback/courses/<int:course_id>/", CourseFeedbackView.as_view(), name="course_feedback"),
            path(
                "feedback/facilitators/<int:first_id>/<int:second_id>/",
                PairFeedbackView.as_view(),
                name="pair_feedback",
            ),
            path("runs/<int:run_id>/enrol/", EnrolView.as_view(), name="enrol"),
            path("runs/<int:run_id>/places/<int:enrolment_id>/cancel/", CancelEnrolmentView.as_view(), name="cancel"),
            path("runs/<int:run_id>/waiting/<int:entry_id>/remove/", RemoveFromWaitlistView.as_view(), name="remove"),
            path("runs/<int:run_id>/waiting/<int:entry_id>/move-up/", MoveUpView.as_view(), name="move_up"),
            # Taking the register for one session (attendance.py).
            path("runs/<int:run_id>/sessions/<int:session_id>/", TakeRegisterView.as_view(), name="take_register"),
            path("runs/<int:run_id>/sessions/<int:session_id>/mark/", MarkAttendanceView.as_view(), name="mark"),
            path("runs/<int:run_id>/sessions/<int:session_id>/walk-ins/", AddWalkInView.as_view(), name="add_walk_in"),
            path(
                "runs/<int:run_id>/sessions/<int:session_id>/walk-ins/<int:walk_in_id>/remove/",
                RemoveWalkInView.as_view(),
                name="remove_walk_in",
            ),
            path(
                "runs/<int:run_id>/sessions/<int:session_id>/walk-ins/<int:walk_in_id>/erase/",
                EraseWalkInView.as_view(),
                name="erase_walk_in",
            ),
        ]
