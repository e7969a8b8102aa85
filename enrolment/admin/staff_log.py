"""The staff log (Reports > Staff log): every action of ours in Wagtail's history (enrolment/audit.py
ACTIONS), newest first, to filter by member of staff, action, date, type and student number.

Wagtail's own Site history lists them too, but any member of staff can open that page, and it has
no way to pick one student. This is Site history narrowed to our actions, for college admins only
(the "view" permission on Wagtail's log entries, which only their role holds): it shows who
downloaded what and whom staff acted on, which is for those who look after the college's data."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
    get_users_for_filter,
)
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from enrolment.models import Student

log_policy = ModelPermissionPolicy(ModelLogEntry)


def may_read_staff_log(user) -> bool:
    return log_policy.user_has_permission(user, "view")


class StaffLogFilterSet(SiteHistoryReportFilterSet):
    student = django_filters.NumberFilter(label="Student number", method="filter_student")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("is_commenting_action", None)  # about pages' comments: none of ours

    def get_users_queryset(self):
        # Wagtail's Site history asks its queryset for the users, which finds none in the values()
        # rows this report filters, and then drops the "User" filter: the staff who logged anything.
        return get_users_for_filter(self.request.user)

    def filter_student(self, queryset, name, value):
        student_type = ContentType.objects.get_for_model(Student)
        return queryset.filter(content_type=student_type, object_id=str(int(value)))


class StaffLogView(LogEntriesView):
    page_title = "Staff log"
    filterset_class = StaffLogFilterSet
    index_url_name = "staff_log"
    index_results_url_name = "staff_log_results"
    permission_policy = log_policy
    permission_required = "view"

    def get_filename(self):
        return super().get_filename().replace("audit-log", "staff-log")

    def get_filtered_queryset(self):
        # Only Wagtail's model log (ours are never on pages): one model, so no union is needed.
        self.log_models = [ModelLogEntry]
        ours = ModelLogEntry.objects.filter(action__startswith="college.")
        rows = ours.values("pk", "timestamp").annotate(log_model_index=Value(0, output_field=IntegerField()))
        return self.filter_queryset(rows).order_by("-timestamp", "-pk")


class StaffLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_staff_log(request.user)
