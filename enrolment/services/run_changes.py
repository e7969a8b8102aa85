"""When the college cancels or changes a run, everyone holding, offered or waiting for a place
on it is told, once each. Cancelling also lets every place go: nobody is left holding a place on
a course that will not happen, and people waiting for any date keep their place in that queue."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from enrolment.audit import acting_staff, log_staff_action
from enrolment.models import Enrolment, Offer, WaitlistEntry

from .changes import _set_offer_status
from .locking import lock_run
from .queue import cancel_place, set_entry_status
from .records import publish

CANCELLED_REASON = "The college cancelled the course."


def close_cancelled_run(*, run_id: int, actor="system", now: dt.datetime | None = None) -> int:
    """Let go of every place, offer and wait on a run the college has cancelled, and tell each
    person once. Safe to call again: there is nothing left to close the second time.
    Returns how many people were told."""
    now = now or timezone.now()
    with transaction.atomic():
        run = lock_run(run_id)
        if not run.is_cancelled:
            return 0
        told = {}
        for enrolment in Enrolment.objects.holding_places().filter(run=run).select_related("student"):
            cancel_place(enrolment, run=run, actor=actor, reason=CANCELLED_REASON, now=now)
            told.setdefault(enrolment.student_id, (enrolment.student, enrolment))
        for offer in Offer.objects.live().filter(run=run).select_related("entry__student"):
            _set_offer_status(run, offer, Offer.Status.WITHDRAWN, actor=actor, now=now)
            # Waiting for any date: back in the queue where they were, for the course's other runs.
            back_to = WaitlistEntry.Status.WAITING if offer.entry.is_any_date else WaitlistEntry.Status.CANCELLED
            set_entry_status(offer.entry, back_to, run=run, now=now, actor=actor, reason=CANCELLED_REASON)
            told.setdefault(offer.entry.student_id, (offer.entry.student, offer))
        for entry in WaitlistEntry.objects.waiting().filter(run=run).select_related("student"):
            set_entry_status(
                entry, WaitlistEntry.Status.CANCELLED, run=run, now=now, actor=actor, reason=CANCELLED_REASON
            )
            told.setdefault(entry.student_id, (entry.student, entry))
        for student, about in told.values():
            publish(
                "run_cancelled", about, student=student, run=run, now=now, key=f"run_cancelled:{run.pk}:{student.pk}"
            )
        _log_telling(run, "college.run.cancel", len(told))
        return len(told)


def tell_run_changed(*, run_id: int, what_changed: str, now: dt.datetime | None = None) -> int:
    """Tell everyone enrolled, offered or waiting for a run that its dates, times or place
    changed. Returns how many people were told."""
    now = now or timezone.now()
    with transaction.atomic():
        run = lock_run(run_id)
        if run.is_cancelled or not what_changed:
            return 0
        people = _people_on_run(run.pk)
        stamp = now.strftime("%Y%m%d%H%M%S%f")
        for student, about in people.values():
            publish(
                "run_changed",
                about,
                student=student,
                run=run,
                now=now,
                details=what_changed,
                key=f"run_changed:{run.pk}:{student.pk}:{stamp}",
            )
        _log_telling(run, "college.run.change", len(people), what_changed)
        return len(people)


def _log_telling(run, action: str, told: int, what_changed: str = "") -> None:
    """On the run's History, when staff did it in the admin: both reach here from the run's save
    (a signal, the run form), which does not name the user, so it is Wagtail's log context's."""
    detail = f"{told} {'person' if told == 1 else 'people'} told"
    data = {"detail": f"{what_changed}; {detail}" if what_changed else detail, "people_told": told}
    log_staff_action(user=acting_staff(), instance=run, action=action, data=data)


def _people_on_run(run_id: int) -> dict:
    """Everyone holding, offered or waiting for a place on the run, once each, with the row that
    ties them to it: the people a change or cancellation of the run tells."""
    people = {}
    for enrolment in Enrolment.objects.holding_places().filter(run_id=run_id).select_related("student"):
        people.setdefault(enrolment.student_id, (enrolment.student, enrolment))
    for offer in Offer.objects.live().filter(run_id=run_id).select_related("entry__student"):
        people.setdefault(offer.entry.student_id, (offer.entry.student, offer))
    for entry in WaitlistEntry.objects.waiting().filter(run_id=run_id).select_related("student"):
        people.setdefault(entry.student_id, (entry.student, entry))
    return people


def people_to_tell(run_id: int) -> int:
    """How many people cancelling or changing the run would tell (the admin asks before cancelling)."""
    return len(_people_on_run(run_id))
