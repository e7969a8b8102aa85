"""Downloads for staff: a run's register, and the waiting lists of every run still to come, as CSV
or XLSX (what is in them: download_tables.py; how files are written and made safe: home/downloads.py).

Whoever may see a register may download it (a facilitator, their own runs' only); support needs
are in the file only for those who may see them (permissions.can_see_support_needs). The students
list and the course runs list are downloaded from their own listings (Wagtail's "Download CSV" and
"Download XLSX": students.py, runs.py)."""

from django.http import Http404
from django.utils import timezone
from django.views import View

from courses.models import CourseRun
from enrolment.audit import log_export
from home.downloads import FORMATS, download

from .download_tables import register_table, waiting_lists_table
from .permissions import RegisterReadMixin, StaffReadMixin, can_see_support_needs
from .register import RunMixin


class DownloadView(View):
    def get(self, request, *args, file_format: str, **kwargs):
        if file_format not in FORMATS:
            raise Http404("We make these files as csv or xlsx only.")
        return self.download(file_format)


class RegisterDownloadView(RunMixin, RegisterReadMixin, DownloadView):
    """A facilitator downloads the registers of their own runs only (RunMixin: runs_visible_to)."""

    def download(self, file_format: str):
        run = self.run
        support_needs = can_see_support_needs(self.request.user, run)
        table = register_table(run, support_needs=support_needs)
        # On the run, so it is in the run's History and in Site history (enrolment/audit.py).
        log_export(
            user=self.request.user,
            what="register",
            instance=run,
            rows=len(table.rows),
            filters={"support_needs": support_needs},
            detail=file_format,
        )
        return download(
            table, "register", run.course.slug, f"run {run.pk}", file_format=file_format, sheet_title="Register"
        )


class WaitingListsDownloadView(StaffReadMixin, DownloadView):
    def download(self, file_format: str):
        runs = CourseRun.objects.upcoming(timezone.localdate()).select_related("course", "location")
        support_needs = can_see_support_needs(self.request.user)
        table = waiting_lists_table(runs, support_needs=support_needs)
        log_export(
            user=self.request.user,
            what="waiting_lists",
            rows=len(table.rows),
            filters={"runs": "still to come", "support_needs": support_needs},
            detail=file_format,
        )
        return download(table, "waiting lists", file_format=file_format, sheet_title="Waiting lists")
