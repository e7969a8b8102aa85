"""The report pages under /admin/reports/: the form and the report it asks for, and the same
report as CSV or XLSX. Both read the form from the address (GET), so a report can be bookmarked."""

from django.http import Http404
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from enrolment.audit import log_export
from home.downloads import FORMATS, download

from .charts import charts
from .downloads import file_words, report_table
from .figures import build_report
from .forms import ReportForm
from .measures import summary
from .permissions import ReportsPermissionMixin


class ReportView(ReportsPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/report.html"
    page_title = "Reports for commissioners"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        asked = bool(request.GET)
        form = ReportForm(request.GET if asked else None)
        report = build_report(form.period(), form.chosen_split()) if asked and form.is_valid() else None
        context = self.get_context_data(form=form, report=report)
        if report:
            context.update(charts=charts(report), summary=summary(report.rows), query=request.GET.urlencode())
        status = 400 if asked and not form.is_valid() else 200
        return self.render_to_response(context, status=status)


class ReportDownloadView(ReportsPermissionMixin, View):
    def get(self, request, *args, file_format: str, **kwargs):
        if file_format not in FORMATS:
            raise Http404("We make these files as csv or xlsx only.")
        form = ReportForm(request.GET)
        if not form.is_valid():
            # A hand-made address: show the form with what is wrong, as the page would.
            return ReportView.as_view()(request)
        report = build_report(form.period(), form.chosen_split())
        table = report_table(report)
        # Figures, not names, but the college still wants to know who took them away (enrolment/audit.py).
        filters = {key: value for key, value in request.GET.items() if value}
        log_export(user=request.user, what="report", rows=len(table.rows), filters=filters, detail=file_format)
        return download(table, *file_words(report), file_format=file_format, sheet_title="Report")
