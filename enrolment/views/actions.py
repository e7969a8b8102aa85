"""What a student can do to their own booking: cancel, accept or turn down an offer, leave a
waiting list. They reach these from a link in an email or from 'My courses'. Either way the
page explains first and the button does it (a POST): mail scanners open every link they see."""

from collections.abc import Callable
from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone

from home.templatetags.site_tags import nhs_moment

from .. import services
from ..links import Purpose
from ..models import Enrolment, Offer, Student, WaitlistEntry


@dataclass(frozen=True)
class LinkAction:
    heading: str
    explanation: str
    button: str
    done: str
    nothing_to_do: str | Callable[[object], str]  # a sentence, or one chosen for the row as it is now
    load: Callable[[int], object | None]
    can_do: Callable[[object], bool]
    do: Callable[[object], object]
    # Whether the question is still worth asking when the page is shown. An offer past its end is
    # over even before the sweep records it; pressing the button still goes to the service, which
    # then passes the place on at once.
    still_open: Callable[[object], bool] = lambda obj: True


def _enrolment(pk):
    return Enrolment.objects.select_related("run__course", "run__location", "student").filter(pk=pk).first()


def _offer(pk):
    return Offer.objects.select_related("run__course", "run__location", "entry__student").filter(pk=pk).first()


def _entry(pk):
    return (
        WaitlistEntry.objects.select_related("run__course", "run__location", "course", "student").filter(pk=pk).first()
    )


def _student(pk):
    return Student.objects.filter(pk=pk, forgotten_at__isnull=True).first()


def _offer_open(offer) -> bool:
    # Past its end an offer is over, even in the minute before the sweep records that it ran out.
    return offer.status == Offer.Status.LIVE and offer.expires_at > timezone.now()


def _offer_over(offer) -> str:
    """Why an offer cannot be answered now, in words true for this offer."""
    if offer.status in (Offer.Status.LIVE, Offer.Status.EXPIRED):
        return (
            f"The time to answer this offer ended at {nhs_moment(offer.expires_at)}, so we offered the place "
            "to the next person waiting. You are welcome to join the waiting list again."
        )
    if offer.status == Offer.Status.ACCEPTED:
        return "You have already accepted this place, so there is nothing more to do. It is in 'My courses'."
    if offer.status == Offer.Status.DECLINED:
        return "You have already turned this place down, so there is nothing more to do."
    return "The college cancelled these dates, so this offer has ended. We have emailed you about it."


def _not_finished(enrolment) -> bool:
    last = enrolment.run.last_session
    return last is None or last.ends_at > timezone.now()


ACTIONS = {
    Purpose.CANCEL: LinkAction(
        heading="Cancel your place?",
        explanation="If you cancel, we will offer your place to the next person on the waiting list. "
        "You are welcome to enrol again later if there is room.",
        button="Cancel my place",
        done="Your place is cancelled. We will email you to confirm.",
        nothing_to_do="This place has already been cancelled, or the course has finished. There is nothing more to do.",
        load=_enrolment,
        can_do=lambda e: e.status == Enrolment.Status.CONFIRMED and _not_finished(e),
        do=lambda e: services.cancel_enrolment(enrolment_id=e.pk),
    ),
    Purpose.ACCEPT: LinkAction(
        heading="Accept your place?",
        explanation="A place has come up and we are keeping it for you.",
        button="Accept my place",
        done="You have a place. We will email you to confirm, with the dates.",
        nothing_to_do=_offer_over,
        load=_offer,
        can_do=lambda o: o.status == Offer.Status.LIVE,
        do=lambda o: services.accept_offer(offer_id=o.pk),
        still_open=_offer_open,
    ),
    Purpose.DECLINE: LinkAction(
        heading="Turn down this place?",
        explanation="We will offer it to the next person waiting, and take you off the waiting list for "
        "these dates. You are welcome to join another waiting list at any time.",
        button="Turn down the place",
        done="Thank you for letting us know. We have offered the place to someone else.",
        nothing_to_do=_offer_over,
        load=_offer,
        can_do=lambda o: o.status == Offer.Status.LIVE,
        do=lambda o: services.decline_offer(offer_id=o.pk),
        still_open=_offer_open,
    ),
    Purpose.LEAVE: LinkAction(
        heading="Leave the waiting list?",
        explanation="We will stop keeping a place in the queue for you. You can join again later, "
        "but you would join at the back.",
        button="Leave the waiting list",
        done="You have left the waiting list.",
        nothing_to_do="You are no longer on this waiting list, so there is nothing more to do.",
        load=_entry,
        can_do=lambda e: e.status in WaitlistEntry.LIVE,
        do=lambda e: services.leave_waitlist(entry_id=e.pk),
    ),
    Purpose.STOP_REMINDERS: LinkAction(
        heading="Stop reminder emails?",
        explanation="We will stop sending you a reminder before each session. We will still email you "
        "about your bookings, for example if your course changes. "
        "You can turn reminders back on in 'My courses'.",
        button="Stop reminders",
        done="We will not send you any more reminders.",
        nothing_to_do="Reminders are already switched off, so there is nothing more to do.",
        load=_student,
        can_do=lambda s: not s.reminders_off,
        do=lambda s: services.set_reminders(student_id=s.pk, wanted=False),
    ),
}


def owner_id(obj) -> int:
    if isinstance(obj, Student):
        return obj.pk
    return obj.entry.student_id if isinstance(obj, Offer) else obj.student_id


def confirm_then_act(request, action: LinkAction, obj, *, back_url: str):
    """GET explains; POST acts. Trying again after it is done just says there is nothing to do."""
    context = {"action": action, "obj": obj, "run": getattr(obj, "run", None), "back_url": back_url}
    if not action.can_do(obj) or (request.method != "POST" and not action.still_open(obj)):
        message = action.nothing_to_do(obj) if callable(action.nothing_to_do) else action.nothing_to_do
        return render(request, "enrolment/action_result.html", {**context, "message": message})
    if request.method != "POST":
        return render(request, "enrolment/action_confirm.html", context)
    try:
        action.do(obj)
    except services.EnrolmentError as refused:
        return render(request, "enrolment/action_result.html", {**context, "message": refused.message})
    return render(request, "enrolment/action_result.html", {**context, "message": action.done, "done": True})
