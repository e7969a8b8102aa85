"""Staff's side of a student's erasure: the form that says who asked, how and why (the delete page
in students.py uses it), and the page where a college admin puts a safeguarding or legal hold on
erasure, or lifts it. The rules are in enrolment.services.forgetting."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from enrolment.models.students import Student
from enrolment.services import EnrolmentError
from enrolment.services.forgetting import ASKED_BY, HOW, WHY_MAX_LENGTH, lift_hold, place_hold
from enrolment.text import CleansTypedText

# Staff erase on a request they received: the retention job is not one of their choices.
STAFF_ASKED_BY = [(key, words.capitalize()) for key, words in ASKED_BY.items() if key != "retention"]
STAFF_HOW = [(key, words.capitalize()) for key, words in HOW.items()]
NO_DETAILS = "Do not write personal details here (no names, addresses or health)."


class ErasureRequestForm(CleansTypedText, forms.Form):
    asked_by = forms.ChoiceField(
        label="Who asked",
        choices=STAFF_ASKED_BY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who asked for their details to be deleted"},
    )
    how = forms.ChoiceField(
        label="How they asked",
        choices=STAFF_HOW,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they asked"},
    )
    why = forms.CharField(
        label="Anything to note (optional)",
        required=False,
        max_length=WHY_MAX_LENGTH,
        help_text=f"For example: asked on the phone on 3 Dec. {NO_DETAILS} It is kept after their details go.",
        error_messages={"max_length": f"Keep the note to {WHY_MAX_LENGTH} characters or fewer"},
    )
    confirm = forms.BooleanField(
        label="I understand their details will be deleted and this cannot be undone",
        error_messages={"required": "Tick the box to confirm you want to delete their details"},
    )


class HoldForm(CleansTypedText, forms.Form):
    reason = forms.CharField(
        label="Why their details must be kept",
        max_length=200,
        help_text=f"For example: safeguarding review, or a legal request to keep records. {NO_DETAILS}",
        error_messages={
            "required": "Give the reason for the hold",
            "max_length": "Keep the reason to 200 characters or fewer",
        },
    )


class ErasureHoldView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Put a hold on deleting a student's details, or lift it: college admins only."""

    permission_policy = ModelPermissionPolicy(Student)
    permission_required = "hold_erasure"
    template_name = "enrolment/admin/student_hold.html"
    form_class = HoldForm
    header_icon = "lock"

    @cached_property
    def student(self) -> Student:
        return get_object_or_404(Student, pk=self.kwargs["pk"])

    def get_page_title(self):
        return "Hold on deleting this student's details"

    def get_context_data(self, **kwargs):
        return super().get_context_data(student=self.student, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("lift"):
            lift_hold(student_id=self.student.pk, by=request.user)
            messages.success(request, "The hold is lifted. Their details can be deleted if they ask.")
            return redirect(self.back_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if self.student.forgotten_at:
            messages.error(self.request, "Their details were already deleted, so there is nothing to hold.")
            return redirect(self.back_url())
        try:
            place_hold(student_id=self.student.pk, reason=form.cleaned_data["reason"], by=self.request.user)
        except EnrolmentError as error:
            form.add_error("reason", error.message)
            return self.form_invalid(form)
        messages.success(self.request, "Their details are on hold: nobody can delete them until the hold is lifted.")
        return redirect(self.back_url())

    def back_url(self) -> str:
        return reverse("students:inspect", args=[self.student.pk])
