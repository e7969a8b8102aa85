"""Buttons on staff list pages that change one thing at once ("Called", "Try again"): a POST
(CSRF-protected, never a link, so nothing changes by following one), made by a service with the
signed-in member of staff as the actor, then back to the page the button was on."""

from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from enrolment.admin.permissions import StaffActionMixin

from ..staff import NoticeError


class StaffButtonView(StaffActionMixin, View):
    http_method_names = ["post"]
    back_to = ""  # the URL name to return to when the form gave no safe `next`

    def perform(self) -> str:
        """Make the change through a service; return what to tell staff. May raise NoticeError."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            messages.success(request, self.perform())
        except NoticeError as error:
            messages.warning(request, error.message)
        return redirect(get_valid_next_url_from_request(request) or reverse(self.back_to))
