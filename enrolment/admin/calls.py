"""Offers to phone: freed places offered to students with no email, or whose email is not working,
whom staff call. After the call staff record the answer here, which accepts or declines the offer
through the services."""

from django import forms
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from enrolment.models import Offer
from enrolment.services import OfferExpired, OfferNotLive, accept_offer, decline_offer

from .permissions import StaffActionMixin, StaffPage

# Staff-facing versions of the services' messages (those are written to the student).
TOO_LATE = (
    "This offer ran out before the answer was recorded, so the place has gone to the next person "
    "waiting. If they still want to come, enrol them again from the register: they will join the "
    "waiting list."
)
ALREADY_ANSWERED = "This offer has already been answered, so nothing has changed."


def live_phone_offers():
    # An address can stop working after the offer was made (the offer email bounced): those are
    # phoned too, or the place would run out on someone who never heard of it.
    not_emailable = Q(by_phone=True) | Q(entry__student__email_undeliverable_at__isnull=False)
    return (
        Offer.objects.live()
        .filter(not_emailable)
        .select_related("entry__student", "run__course", "run__location")
        .prefetch_related("run__sessions")
        .order_by("expires_at", "pk")
    )


class CallListView(StaffPage):
    template_name = "enrolment/admin/calls.html"
    page_title = "Offers to phone"
    header_icon = "mobile-alt"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(offers=live_phone_offers(), now=timezone.now(), **kwargs)


class RecordAnswerView(StaffActionMixin, WagtailAdminTemplateMixin, FormView):
    """Confirm, then record "accepted" or "declined" for an offer (any live offer, so the register
    can use it too for people who answer by phone or in person)."""

    template_name = "enrolment/admin/confirm.html"
    form_class = forms.Form
    header_icon = "mobile-alt"
    answers = {"accepted": "accepted the place", "declined": "said no to the place"}

    @cached_property
    def offer(self) -> Offer:
        if self.kwargs["answer"] not in self.answers:
            raise Http404
        return get_object_or_404(
            Offer.objects.select_related("entry__student", "run__course"), pk=self.kwargs["offer_id"]
        )

    def get_page_title(self):
        return f"Record that {self.offer.entry.student} {self.answers[self.kwargs['answer']]}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("enrolment_staff:calls"), "label": "Offers to phone"},
            {"url": "", "label": "Record an answer"},
        ]

    def get_context_data(self, **kwargs):
        offer, answer = self.offer, self.kwargs["answer"]
        question = (
            f"{offer.entry.student} {self.answers[answer]} on {offer.run.course.title}"
            f"{' with their supporter' if offer.places == 2 else ''}?"
        )
        next_url = get_valid_next_url_from_request(self.request)
        return super().get_context_data(
            question=question,
            button_label="Yes, record it",
            destructive=answer == "declined",
            next_url=next_url,
            back_url=next_url or reverse("enrolment_staff:calls"),
            **kwargs,
        )

    def form_valid(self, form):
        offer, student = self.offer, self.offer.entry.student
        try:
            if self.kwargs["answer"] == "accepted":
                # Not inside our own transaction: on a late answer the service commits the expiry
                # (passing the place on) before it raises OfferExpired.
                accept_offer(offer_id=offer.pk, actor=self.request.user)
                messages.success(self.request, f"{student} is enrolled.")
            else:
                decline_offer(offer_id=offer.pk, actor=self.request.user)
                messages.success(self.request, f"Recorded that {student} said no; the place goes to the next person.")
        except OfferExpired:
            messages.error(self.request, TOO_LATE)
        except OfferNotLive:
            messages.warning(self.request, ALREADY_ANSWERED)
        return redirect(get_valid_next_url_from_request(self.request) or reverse("enrolment_staff:calls"))
