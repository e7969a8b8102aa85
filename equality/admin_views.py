"""The equality monitoring report in the Wagtail admin (/admin/reports/equality/), under the
Reports menu, for whoever may see the reports for commissioners. Counts only: no screen lists
anyone's answers, and EqualityResponse has no admin of its own (no snippet, no model viewset)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from courses.models import Term
from enrolment.audit import log_staff_action
from home.downloads import CSV, download

from .models import EqualitySettings
from .report import NOT_SHOWN, equality_report, report_table

# The permission the reports for commissioners ask for (reports/permissions.py). Named here, not
# imported: reports and equality sit side by side, and neither may import the other.
PERMISSION = "reports.view_reports"
DOWNLOADED = "college.equality.report_download"


def can_see_equality_report(user) -> bool:
    return user.has_perm(PERMISSION)


class EqualityMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_equality_report(request.user)


class TermForm(forms.Form):
    term = forms.ModelChoiceField(
        queryset=Term.objects.order_by("-starts_on"),
        required=False,
        empty_label="All time",
        help_text="Answers count in the term they were given in.",
    )


class PermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_equality_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _chosen_term(request) -> Term | None:
    """The term in the address, or all time (a term that no longer exists is all time too)."""
    form = TermForm(request.GET)
    return form.cleaned_data["term"] if form.is_valid() else None


class EqualityReportView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "equality/admin/report.html"
    page_title = "Equality monitoring"
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        term = _chosen_term(self.request)
        return super().get_context_data(
            form=TermForm(initial={"term": term}),
            term=term,
            report=equality_report(term),
            questions_on=EqualitySettings.load(request_or_site=self.request).questions_on(),
            not_shown=NOT_SHOWN,
            query=f"term={term.pk}" if term else "",
            **kwargs,
        )


class EqualityDownloadView(PermissionMixin, View):
    def get(self, request, *args, **kwargs):
        term = _chosen_term(request)
        period = term.name if term else "all time"
        log_staff_action(
            user=request.user,
            instance=EqualitySettings.load(request_or_site=request),
            action=DOWNLOADED,
            data={"detail": period},
            title="Equality monitoring report",
        )
        return download(report_table(equality_report(term)), "equality monitoring", period, file_format=CSV)
