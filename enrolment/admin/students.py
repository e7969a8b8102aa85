"""Students in the Wagtail admin: a searchable list, and a page per student with their contact
details, support needs, places, waits, the emails we sent them and the record of every change
made to them."""

from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models import CourseRun
from enrolment.models import Enrolment, StateChange, WaitlistEntry
from enrolment.models.places import Source
from enrolment.models.students import Student
from enrolment.selectors import plan_staff_may_see, position_of
from enrolment.services import EnrolmentError
from enrolment.services.forgetting import forget_student
from enrolment.services.students import save_details
from home.downloads import SafeSpreadsheetExportMixin
from home.phones import NotAPhoneNumber, display_phone, phone_link, to_e164

from .audit_views import LogsListExport, LogsStudentCreate, LogsStudentEdit
from .erasure import ErasureHoldView, ErasureRequestForm
from .permissions import can_see_support_needs
from .student_form import student_edit_handler

SEARCH_FIELDS = ["first_name", "last_name", "email", "phone", "postcode"]


def search_students(queryset, query: str):
    """Every word must match some field, so "Sam Jones" finds Sam Jones and "OX4" a postcode. A whole
    phone number finds its owner however it is typed: numbers are stored "+447700900123"."""
    try:
        return queryset.filter(phone=to_e164(query))
    except NotAPhoneNumber:
        pass
    for word in query.split():
        matches = [Q(**{f"{field}__icontains": word}) for field in SEARCH_FIELDS]
        if word.isdigit() and word.startswith("0"):  # the start of a UK number: "07700" is "+447700"
            matches.append(Q(phone__startswith=f"+44{word[1:]}"))
        queryset = queryset.filter(Q(*matches, _connector=Q.OR))
    return queryset


class StudentIndexView(LogsListExport, SafeSpreadsheetExportMixin, IndexView):
    """The list of students, searchable, with "Download CSV" and "Download XLSX" of what it lists
    (the columns are StudentViewSet.list_export); each download is in Site history (audit_views.py)."""

    export_log_what = "students"

    custom_field_preprocess = {"phone": {"csv": display_phone, "xlsx": display_phone}}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Support needs are health information: in the file only for those who may see them.
        if can_see_support_needs(request.user):
            self.list_export = [*self.list_export, "support_needs"]

    def search_queryset(self, queryset):
        return search_students(queryset, self.search_query) if self.is_searching else queryset

    @cached_property
    def columns(self):
        # The name opens the student's page (places, waits, history): that is what staff look
        # for. Edit and Delete are buttons on that page.
        name = TitleColumn("name", label="Name", accessor=str, get_url=self.get_inspect_url, sort_key="last_name")
        return [name, *super().columns[1:]]


class StudentInspectView(InspectView):
    template_name = "enrolment/admin/student_inspect.html"

    def get_page_title(self):
        return "Student"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return "-" if value in (None, "") else value

    def get_phone_display_value(self):
        return phone_link(self.object.phone) or "-"

    def get_consent_how_display_value(self):
        return dict(Source.choices).get(self.object.consent_how, self.object.consent_how or "-")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = self.object
        entries = list(
            WaitlistEntry.objects.filter(student=student).select_related("run", "course").order_by("-created_at")
        )
        context.update(
            enrolments=Enrolment.objects.filter(student=student)
            .select_related("run__course", "run__term")
            .order_by("-created_at"),
            waits=[(entry, position_of(entry)) for entry in entries],
            # Their learning plan is theirs: here only while they choose to share it.
            shared_plan=plan_staff_may_see(student),
            history=StateChange.objects.filter(student=student)
            .select_related("run__course", "actor")
            .order_by("-at", "-pk"),
        )
        return context


class StudentCreateView(LogsStudentCreate, CreateView):
    def save_instance(self):
        return save_details(self.form, save=super().save_instance)


class StudentEditView(LogsStudentEdit, EditView):
    def save_instance(self):
        return save_details(self.form, save=super().save_instance)


class StudentDeleteView(DeleteView):
    """Deleting a student is their erasure, exactly as when they ask through "delete my data":
    places still to come are given up (and offered to whoever waits), waits end, and every
    personal detail goes. The rows stay, anonymous, because places and changes are kept for the
    record; so Wagtail's usage count ("referenced 0 times") and its refusal do not apply."""

    template_name = "enrolment/admin/student_forget.html"
    usage_url_name = None
    form_class = ErasureRequestForm

    def get_page_title(self):
        return "Delete this student's details"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        student = self.object
        upcoming = CourseRun.objects.upcoming(timezone.localdate()).values("pk")
        context.update(
            places_to_give_up=Enrolment.objects.holding_places()
            .filter(student=student, run__in=upcoming)
            .select_related("run__course")
            .order_by("pk"),
            waits_to_end=WaitlistEntry.objects.filter(student=student, status__in=WaitlistEntry.LIVE).select_related(
                "course", "run"
            ),
            already_forgotten=bool(student.forgotten_at),
            may_hold=self.request.user.has_perm("enrolment.hold_erasure_student"),
        )
        return context

    def form_valid(self, form):
        if self.object.forgotten_at:
            messages.error(self.request, "Their details were already deleted. Nothing more was changed.")
            return redirect(reverse("students:inspect", args=[self.object.pk]))
        try:
            forget_student(
                student_id=self.object.pk,
                actor=self.request.user,
                asked_by=form.cleaned_data["asked_by"],
                how=form.cleaned_data["how"],
                reason=form.cleaned_data["why"],
            )
        except EnrolmentError as error:  # a hold placed since the page was opened
            self.object.refresh_from_db()
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Their details have been deleted. Their places and waits are kept "
            "without their name, for the college's attendance figures.",
        )
        return redirect(reverse("students:inspect", args=[self.object.pk]))


class StudentViewSet(ModelViewSet):
    model = Student
    icon = "user"
    menu_label = "Students"
    menu_order = 215
    add_to_admin_menu = True
    index_view_class = StudentIndexView
    inspect_view_class = StudentInspectView
    add_view_class = StudentCreateView
    edit_view_class = StudentEditView
    delete_view_class = StudentDeleteView

    def get_urlpatterns(self):
        # A college admin's hold on erasure (erasure.py): /admin/students/hold/<id>/.
        return [*super().get_urlpatterns(), path("hold/<int:pk>/", ErasureHoldView.as_view(), name="hold")]

    inspect_view_enabled = True
    inspect_view_fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "postal_address",
        "postcode",
        "contact_by",
        "confirmed_adult",
        "date_of_birth",
        "joining_as",
        "support_needs",
        "heard_about",
        "consent_how",
        "consent_at",
        "created_at",
        "forgotten_at",
        "erasure_hold_reason",  # a college admin's hold: nobody can delete their details (erasure.py)
    ]
    list_display = [
        "__str__",
        "email",
        Column("phone", label="Phone", accessor=lambda student: display_phone(student.phone)),
        "postcode",
        Column(
            "created_at",
            label="Added",
            sort_key="created_at",
            accessor=lambda student: f"{student.created_at:%-d %b %Y}",
        ),
    ]
    # Without these Wagtail's "Download CSV" gave a file with no cells (its list_export is empty
    # unless a viewset names the fields). Support needs are added per person: StudentIndexView.
    list_export = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "postcode",
        "get_contact_by_display",
        "get_joining_as_display",
        "created_at",
    ]
    export_headings = {
        "get_contact_by_display": "Prefers contact by",
        "get_joining_as_display": "Joining as",
        "created_at": "Added",
        "support_needs": "Support needs",
    }
    export_filename = "students"
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    edit_handler = student_edit_handler
