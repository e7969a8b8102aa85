"""Staff changing places on a run: cancel someone's enrolment, take someone off the waiting list,
move someone up it. Each is a confirm page (GET) and a change (POST, CSRF-protected) made by an
enrolment service with the signed-in member of staff as the actor, so it is recorded."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from enrolment.models import Enrolment, WaitlistEntry
from enrolment.selectors import waiting_for
from enrolment.services import EnrolmentError, cancel_enrolment, leave_waitlist, move_up

from .forms import MoveUpForm, ReasonForm
from .permissions import StaffActionMixin
from .register import RunMixin, run_breadcrumbs


class ConfirmActionView(RunMixin, StaffActionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "enrolment/admin/confirm.html"
    form_class = ReasonForm
    header_icon = "clipboard-list"
    title = ""
    button_label = "Confirm"
    destructive = False

    def get_page_title(self):
        return self.title

    def get_breadcrumbs_items(self):
        return run_breadcrumbs(self, self.run, self.title)

    def get_question(self) -> str:
        raise NotImplementedError

    def perform(self, data: dict) -> str:
        """Make the change through a service; return what to tell staff. May raise EnrolmentError."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            question=self.get_question(),
            button_label=self.button_label,
            destructive=self.destructive,
            run=self.run,
            back_url=reverse("enrolment_staff:register", args=[self.run.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            message = self.perform(form.cleaned_data)
        except EnrolmentError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("enrolment_staff:register", self.run.pk)


class CancelEnrolmentView(ConfirmActionView):
    title = "Cancel a place"
    button_label = "Yes, cancel their place"
    destructive = True

    @cached_property
    def enrolment(self) -> Enrolment:
        return get_object_or_404(
            Enrolment.objects.select_related("student"),
            pk=self.kwargs["enrolment_id"],
            run=self.run,
            status=Enrolment.Status.CONFIRMED,
        )

    def get_question(self):
        extra = " and their supporter's" if self.enrolment.places == 2 else ""
        return (
            f"Cancel {self.enrolment.student}'s place{extra} on {self.run}? The place goes to the next "
            "person on the waiting list."
        )

    def perform(self, data):
        already_offered = set(self.run.offers.live().values_list("pk", flat=True))
        cancel_enrolment(enrolment_id=self.enrolment.pk, actor=self.request.user, reason=data["reason"])
        offered = [
            str(o.entry.student)
            for o in self.run.offers.live().exclude(pk__in=already_offered).select_related("entry__student")
        ]
        message = f"{self.enrolment.student}'s place is cancelled."
        if offered:
            message += f" The freed place has been offered to {', '.join(offered)}."
        return message


class WaitingEntryMixin:
    @cached_property
    def queue(self) -> list[WaitlistEntry]:
        return waiting_for(self.run)

    @cached_property
    def entry(self) -> WaitlistEntry:
        # Anyone waiting for this run, including people waiting for "any date" of the course.
        entry = next((e for e in self.queue if e.pk == self.kwargs["entry_id"]), None)
        if entry is None:
            raise Http404("They are no longer waiting for this course run.")
        return entry


class RemoveFromWaitlistView(WaitingEntryMixin, ConfirmActionView):
    title = "Take someone off the waiting list"
    button_label = "Yes, take them off"
    destructive = True

    def get_question(self):
        question = f"Take {self.entry.student} off the waiting list for {self.run}?"
        if self.entry.is_any_date:
            question += " They are waiting for any date of this course: this takes them off that list altogether."
        return question

    def perform(self, data):
        leave_waitlist(entry_id=self.entry.pk, actor=self.request.user, reason=data.get("reason", ""))
        return f"{self.entry.student} is off the waiting list."


class MoveUpView(WaitingEntryMixin, ConfirmActionView):
    title = "Move someone up the waiting list"
    button_label = "Move them up"
    form_class = MoveUpForm

    @cached_property
    def ahead(self) -> list[tuple[int, WaitlistEntry]]:
        position = self.queue.index(self.entry)
        return list(enumerate(self.queue[:position], start=1))

    def get(self, request, *args, **kwargs):
        if not self.ahead:
            messages.warning(request, f"{self.entry.student} is already first on the waiting list.")
            return redirect("enrolment_staff:register", self.run.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ahead": self.ahead}

    def get_question(self):
        return f"{self.entry.student} is number {len(self.ahead) + 1} on the waiting list for {self.run}."

    def perform(self, data):
        move_up(entry_id=self.entry.pk, ahead_of_id=data["ahead_of"], reason=data["reason"], actor=self.request.user)
        queue = [e.pk for e in waiting_for(self.run)]
        return f"{self.entry.student} is now number {queue.index(self.entry.pk) + 1} on the waiting list."
