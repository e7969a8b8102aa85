"""The staff dashboard: panels on the Wagtail admin home that say what needs doing, each linking to
the page where staff do it. They read enrolment and notices together, so they live here, in the top
app. Each panel costs the same few queries however many runs there are (tests/test_dashboard.py
counts them), so the admin home stays quick in a busy term.

Only staff who may see every register get the panels: content editors have admin access too, and who
is waiting for which course is health information. Facilitators get one panel, today's and tomorrow's
sessions of their own runs (enrolment.admin.permissions.runs_visible_to)."""

import datetime as dt

from django.utils import timezone
from wagtail.admin.ui.components import Component

from courses.models import CourseRun, Session
from courses.rules import missing_expertise
from enrolment.admin.calls import live_phone_offers
from enrolment.admin.permissions import can_see_registers, may_take_registers, runs_visible_to
from enrolment.selectors import waiting_count_expression

from .emails_not_sent import addresses_not_working, failed_emails
from .people_to_call import calls_to_make

# "Nearly full": at least this share of places taken, or this many places or fewer left (a run of
# 10 with 8 taken, or a run of 30 with 28). A run nobody has booked yet is never nearly full.
NEARLY_FULL_SHARE = 0.8
NEARLY_FULL_PLACES_LEFT = 2
LONGEST_LISTS = 5


def is_nearly_full(run: CourseRun) -> bool:
    """Needs the `with_places()` annotation."""
    if run.places_taken == 0:
        return False
    return run.places_taken >= NEARLY_FULL_SHARE * run.capacity or run.spaces_left <= NEARLY_FULL_PLACES_LEFT


def sessions_on(day: dt.date, runs=None) -> list[Session]:
    """The sessions of scheduled runs (of `runs`, a queryset, when given) on a day, in time order,
    each with its run's places taken."""
    sessions = Session.objects.filter(date=day, run__status=CourseRun.Status.SCHEDULED)
    if runs is not None:
        sessions = sessions.filter(run__in=runs.values("pk"))
    sessions = list(
        sessions.select_related("run__course", "run__location").order_by("start_time", "run__course__title", "pk")
    )
    taken = dict(
        CourseRun.objects.filter(pk__in={s.run_id for s in sessions}).with_places().values_list("pk", "places_taken")
    )
    for session in sessions:
        session.run.places_taken = taken[session.run_id]
    return sessions


def nearly_full_runs(now: dt.datetime) -> list[CourseRun]:
    """Upcoming runs taking enrolments now that are nearly full (or full), fullest first."""
    runs = (
        CourseRun.objects.upcoming(timezone.localdate(now))
        .filter(enrolment_opens__lte=now, enrolment_closes__gt=now)
        .with_places()
        .select_related("course", "location")
    )
    found = [run for run in runs if is_nearly_full(run)]
    return sorted(found, key=lambda run: (run.spaces_left, run.first_date, run.pk))


def longest_waiting_lists(today: dt.date) -> list[CourseRun]:
    """The upcoming runs with the most people waiting (any-date waiters they suit included)."""
    return list(
        CourseRun.objects.upcoming(today)
        .annotate(waiting=waiting_count_expression())
        .filter(waiting__gt=0)
        .with_places()
        .select_related("course", "location")
        .order_by("-waiting", "first_date", "pk")[:LONGEST_LISTS]
    )


def runs_missing_a_facilitator(today: dt.date) -> list[tuple[CourseRun, list[str]]]:
    """Scheduled runs with a session still to come that lack an Expert by Experience or an Expert by
    Training (courses/rules.py), with what each lacks. Draft courses count: that is when to fix it."""
    runs = (
        CourseRun.objects.scheduled()
        .with_dates()
        .filter(last_date__gte=today)
        .select_related("course", "location")
        .prefetch_related("facilitators")
        .order_by("first_date", "first_start_time", "pk")
    )
    return [(run, missing) for run in runs if (missing := missing_expertise(run.facilitators.all()))]


class DashboardPanel(Component):
    """A Wagtail home panel shown only to staff who may see every register."""

    def __init__(self, request):
        self.request = request

    def facts(self, now: dt.datetime) -> dict:
        raise NotImplementedError

    def is_shown(self) -> bool:
        return can_see_registers(self.request.user)

    def render_html(self, parent_context=None) -> str:
        if not self.is_shown():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None) -> dict:
        return {"request": self.request, **self.facts(timezone.now())}


class SessionsPanel(DashboardPanel):
    name = "sessions_today_and_tomorrow"
    template_name = "notices/admin/dashboard/sessions.html"
    order = 10

    def is_shown(self) -> bool:
        return may_take_registers(self.request.user)  # facilitators too: their own runs

    def facts(self, now):
        today = timezone.localdate(now)  # London time: a session at 00:30 is tomorrow's until midnight
        tomorrow = today + dt.timedelta(days=1)
        user = self.request.user
        runs = None if can_see_registers(user) else runs_visible_to(user)
        return {
            "days": [("Today", today, sessions_on(today, runs)), ("Tomorrow", tomorrow, sessions_on(tomorrow, runs))],
            "all_runs": runs is None,
        }


class FollowUpsPanel(DashboardPanel):
    """Counts of the people staff need to contact, each linking to its list."""

    name = "follow_ups"
    template_name = "notices/admin/dashboard/follow_ups.html"
    order = 20

    def facts(self, now):
        return {
            "offers_to_phone": live_phone_offers().count(),
            "people_to_call": calls_to_make().count(),
            "emails_failed": failed_emails().count(),
            "addresses_not_working": addresses_not_working().count(),
        }


class NearlyFullPanel(DashboardPanel):
    name = "nearly_full_runs"
    template_name = "notices/admin/dashboard/nearly_full.html"
    order = 30

    def facts(self, now):
        return {"runs": nearly_full_runs(now), "share": round(NEARLY_FULL_SHARE * 100), "left": NEARLY_FULL_PLACES_LEFT}


class WaitingListsPanel(DashboardPanel):
    name = "longest_waiting_lists"
    template_name = "notices/admin/dashboard/waiting_lists.html"
    order = 40

    def facts(self, now):
        return {"runs": longest_waiting_lists(timezone.localdate(now)), "how_many": LONGEST_LISTS}


class MissingFacilitatorPanel(DashboardPanel):
    name = "runs_missing_a_facilitator"
    template_name = "notices/admin/dashboard/missing_facilitator.html"
    order = 50

    def facts(self, now):
        return {"runs": runs_missing_a_facilitator(timezone.localdate(now))}


PANELS = [SessionsPanel, FollowUpsPanel, NearlyFullPanel, WaitingListsPanel, MissingFacilitatorPanel]


def add_dashboard_panels(request, panels: list) -> None:
    """For the construct_homepage_panels hook. Their `order` puts them above Wagtail's page panels."""
    panels.extend(panel(request) for panel in PANELS)
