"""Downloads for staff: a run's register, and the waiting lists of every run still to come, as CSV
or XLSX (what is in them: download_tables.py; how files are written and made safe: home/downloads.py).

Whoever may see registers may download them; support needs are in the file only for those who may
see them. The students list and the course runs list are downloaded from their own listings
(Wagtail's "Download CSV" and "Download XLSX": students.py, runs.py)."""

from django.http import Http404
from django.utils import timezone
from django.views import View

from courses.models import CourseRun
from home.downloads import FORMATS, download

from .download_tables import register_table, waiting_lists_table
from .permissions import StaffReadMixin, can_see_support_needs
from .register import RunMixin


class DownloadView(StaffReadMixin, View):
    def get(self, request, *args, file_format: str, **kwargs):
        if file_format not in FORMATS:
            raise Http404("We make these files as csv or xlsx only.")
        return self.download(file_format, support_needs=can_see_support_needs(request.user))


class RegisterDownloadView(RunMixin, DownloadView):
    def download(self, file_format: str, *, support_needs: bool):
        run = self.run
        table = register_table(run, support_needs=support_needs)
        return download(
            table, "register", run.course.slug, f"run {run.pk}", file_format=file_format, sheet_title="Register"
        )


class WaitingListsDownloadView(DownloadView):
    def download(self, file_format: str, *, support_needs: bool):
        runs = CourseRun.objects.upcoming(timezone.localdate()).select_related("course", "location")
        table = waiting_lists_table(runs, support_needs=support_needs)
        return download(table, "waiting lists", file_format=file_format, sheet_title="Waiting lists")
