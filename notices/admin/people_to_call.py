"""People to call: messages owed to students we cannot email (no address, or one that bounced),
such as reminders and changes to a course. Staff phone them and press "Called". Offers have their
own page ("Offers to phone", calls.py), because there staff record an answer, not just a call."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property

from enrolment.admin.permissions import StaffPage

from ..kinds import OFFER_KINDS
from ..models import Notice
from ..staff import mark_called
from .buttons import StaffButtonView


def calls_to_make():
    # Oldest first: whoever has waited longest to hear from us.
    return (
        Notice.objects.to_call()
        .exclude(kind__in=OFFER_KINDS)
        .select_related("student", "run__course", "run__location", "session")
        .order_by("created_at", "pk")
    )


class PeopleToCallView(StaffPage):
    template_name = "notices/admin/people_to_call.html"
    header_icon = "mobile-alt"

    @cached_property
    def calls(self) -> list[Notice]:
        return list(calls_to_make())

    def get_page_title(self):
        return f"People to call ({len(self.calls)})"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(calls=self.calls, now=timezone.now(), **kwargs)


class MarkCalledView(StaffButtonView):
    back_to = "notices_staff:people_to_call"

    def perform(self):
        notice = get_object_or_404(Notice.objects.select_related("student"), pk=self.kwargs["notice_id"])
        mark_called(notice.pk, self.request.user)
        return f"Recorded that you phoned {notice.student} about: {notice.get_kind_display().lower()}."
