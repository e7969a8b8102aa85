"""Taking the register for one session, on a phone in the room: each person with a place marked
present, absent or sent apologies with one tap, and people who walked in added by name.

Every button is a plain POST form: the change is saved at once by enrolment.services.attendance
and the page comes back to the same person (an #anchor), showing what was saved. So it works
without JavaScript and nothing is lost if the phone's battery dies halfway down the list."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import View
from wagtail.admin import messages

from courses.models import Session
from enrolment.models import Attendance, Enrolment
from enrolment.selectors import attendance_for, walk_ins_for
from enrolment.services import EnrolmentError
from enrolment.services.attendance import (
    ERASED_WALK_IN,
    NotOnThisRun,
    add_walk_in,
    erase_walk_in,
    mark_attendance,
    remove_walk_in,
)
from enrolment.text import CleansTypedText
from home.phones import PhoneField

from .permissions import RegisterActionMixin, RegisterPage, can_see_support_needs
from .register import RunMixin, run_breadcrumbs

# The buttons, in the order they are shown, with the short words that fit three across a phone.
BUTTONS = [
    (Attendance.Mark.PRESENT, "Present"),
    (Attendance.Mark.ABSENT, "Absent"),
    (Attendance.Mark.APOLOGIES, "Apologies"),
]


class WalkInForm(CleansTypedText, forms.Form):
    name = forms.CharField(
        max_length=200, label="Their name", error_messages={"required": "Enter the name of the person who walked in"}
    )
    phone = PhoneField(required=False, max_length=30, label="Phone number (optional)")
    email = forms.EmailField(
        required=False,
        label="Email address (optional)",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )


class SessionMixin(RunMixin):
    @cached_property
    def session(self) -> Session:
        # Through self.run, so a session of a run this person may not see is "not found" too.
        return get_object_or_404(Session, pk=self.kwargs["session_id"], run=self.run)

    def page_url(self, anchor: str = "") -> str:
        url = reverse("enrolment_staff:take_register", args=[self.kwargs["run_id"], self.kwargs["session_id"]])
        return f"{url}#{anchor}" if anchor else url


class TakeRegisterView(SessionMixin, RegisterPage):
    template_name = "enrolment/admin/take_register.html"
    header_icon = "tick"

    def get_page_title(self):
        return f"Take the register: {self.session.date:%a %-d %b}"

    def get_breadcrumbs_items(self):
        return run_breadcrumbs(self, self.run, f"{self.session.date:%a %-d %b}")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("walk_in_form", WalkInForm())
        marks = attendance_for(self.session)
        sessions = self.run.session_list
        number = next(i for i, s in enumerate(sessions) if s.pk == self.session.pk)
        people = [
            {"enrolment": enrolment, "attendance": marks.get(enrolment.pk)}
            for enrolment in self.run.enrolments.holding_places()
            .select_related("student")
            .order_by("student__first_name", "student__last_name", "pk")
        ]
        return super().get_context_data(
            run=self.run,
            session=self.session,
            number=number + 1,
            session_count=len(sessions),
            previous_session=sessions[number - 1] if number > 0 else None,
            next_session=sessions[number + 1] if number + 1 < len(sessions) else None,
            people=people,
            marked=sum(1 for person in people if person["attendance"]),
            buttons=BUTTONS,
            walk_ins=walk_ins_for(self.session),
            support_needs=can_see_support_needs(self.request.user, self.run),
            **kwargs,
        )


class MarkAttendanceView(SessionMixin, RegisterActionMixin, View):
    """One tap: POST enrolment and mark, then back to that person on the page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.session  # first: a session of another run is not found
        enrolment_id = request.POST.get("enrolment", "")
        if not enrolment_id.isdigit():
            raise Http404
        # Only this run's places: someone else's id gets the same answer as an id that does not
        # exist, without a name, since whoever sent it may not see that run's people.
        enrolment = Enrolment.objects.filter(pk=enrolment_id, run=self.run).select_related("student").first()
        if enrolment is None:
            messages.error(request, NotOnThisRun().message)
            return redirect(self.page_url())
        try:
            mark_attendance(
                session_id=session.pk,
                enrolment_id=enrolment.pk,
                mark=request.POST.get("mark", ""),
                actor=request.user,
            )
        except EnrolmentError as error:
            messages.error(request, f"{enrolment.student}: {error.message}")
            return redirect(self.page_url())
        return redirect(self.page_url(f"person-{enrolment.pk}"))


class AddWalkInView(RegisterActionMixin, TakeRegisterView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = WalkInForm(request.POST)
        if form.is_valid():
            try:
                walk_in = add_walk_in(session_id=self.session.pk, actor=request.user, **form.cleaned_data)
            except EnrolmentError as error:
                form.add_error("name", error.message)
            else:
                messages.success(request, f"{walk_in.name} is on the register for this session.")
                return redirect(self.page_url("walk-ins"))
        return self.render_to_response(self.get_context_data(walk_in_form=form))


class RemoveWalkInView(SessionMixin, RegisterActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if remove_walk_in(walk_in_id=self.kwargs["walk_in_id"], session_id=self.session.pk, actor=request.user):
            messages.success(request, "They are no longer on the register for this session.")
        return redirect(self.page_url("walk-ins"))


class EraseWalkInView(SessionMixin, RegisterActionMixin, View):
    """A walk-in asked us to delete their details: they stay counted as here, as "Walk-in"."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        erased = erase_walk_in(walk_in_id=self.kwargs["walk_in_id"], session_id=self.session.pk, actor=request.user)
        if erased:
            messages.success(request, f"Their details are deleted. They still count as here, as “{ERASED_WALK_IN}”.")
        return redirect(self.page_url("walk-ins"))
