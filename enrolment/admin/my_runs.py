"""Your course runs: a facilitator's way in to the registers of the runs they facilitate, any day
of the run (the dashboard shows only today's and tomorrow's sessions). Coordinators have the whole
"Course runs" list instead, so the menu item is for facilitators only."""

import datetime as dt

from django.utils import timezone
from wagtail.admin.menu import MenuItem

from .permissions import RegisterPage, can_see_registers, runs_visible_to, takes_own_registers

# Runs that ended within this many days are still listed: registers are often finished afterwards.
RECENTLY_ENDED_DAYS = 28


def is_facilitator_only(user) -> bool:
    return takes_own_registers(user) and not can_see_registers(user)


class MyRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_facilitator_only(request.user)


class MyRunsView(RegisterPage):
    template_name = "enrolment/admin/my_runs.html"
    page_title = "Your course runs"
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        since = timezone.localdate() - dt.timedelta(days=RECENTLY_ENDED_DAYS)
        runs = (
            runs_visible_to(self.request.user)
            .with_dates()
            .filter(last_date__gte=since)
            .select_related("course", "location")
            .prefetch_related("sessions")
            .order_by("first_date", "pk")
        )
        return super().get_context_data(runs=runs, days=RECENTLY_ENDED_DAYS, **kwargs)
