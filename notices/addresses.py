"""Email addresses that do not work. Once an address bounces or its owner marks our email as spam,
nothing more is sent to it, staff see why, and messages that matter go to the call list.

Called by the provider's tracking webhook (receivers.py), by the sender when the provider refuses
an address outright (sending.py), and by staff (the admin's "Address checked" button, and editing
a student's email)."""

from django.db import transaction
from django.utils import timezone

from enrolment.models import Student
from enrolment.services import normalise_email
from enrolment.services.students import clear_email_problem, mark_email_undeliverable

from .kinds import CALL_KINDS, REMINDER_KINDS
from .models import AddressChecked, Notice

NOT_WORKING = "Their email address is not working."


def mark_undeliverable(student: Student, *, reason: str) -> bool:
    """Stop emailing `student`: pending emails that matter go to the call list, the rest are
    skipped. Marking an address again keeps the first time and reason, so a provider repeating
    an event changes nothing. Returns whether the address was newly marked."""
    with transaction.atomic():
        marked = mark_email_undeliverable(student_id=student.pk, reason=reason, now=timezone.now())
        # Even when already marked: a row owed by a booking that read the student just before the
        # mark is still pending, and would otherwise be skipped at send time instead of phoned.
        _stop_waiting_emails(student.pk)
    return marked


def _stop_waiting_emails(student_id: int) -> None:
    reminders_off = Student.objects.filter(pk=student_id).values_list("reminders_off", flat=True).first()
    waiting = Notice.objects.filter(student_id=student_id, status=Notice.Status.PENDING, channel=Notice.Channel.EMAIL)
    to_phone = waiting.filter(kind__in=CALL_KINDS)
    if reminders_off:
        # They asked for no reminders: a phone call instead would not be kind either.
        to_phone = to_phone.exclude(kind__in=REMINDER_KINDS)
    to_phone.update(channel=Notice.Channel.PHONE, status=Notice.Status.TO_CALL, problem=NOT_WORKING)
    waiting.update(status=Notice.Status.SKIPPED, problem=NOT_WORKING)


def mark_undeliverable_address(
    email: str, *, reason: str, notice_id: int | None = None, happened_at=None, delivered: bool = False
) -> bool:
    """The provider says mail to `email` does not arrive. Unknown addresses are ignored (returns
    False), and so is news from before staff last checked the address (`happened_at`, the
    provider's own time for it). `notice_id`, when the event names the email that bounced, records
    the problem on that row: one that mattered goes to the call list, any other shows under
    "Emails not sent". `delivered`: a spam complaint, about an email that did arrive, so it is
    not shown as unsent and nobody phones about it; only the address stops being used."""
    student = Student.objects.filter(email=normalise_email(email)).first()
    if student is None or is_from_before_checked(student, happened_at):
        return False
    with transaction.atomic():
        mark_undeliverable(student, reason=reason)
        if notice_id:
            _record_bounce(student, notice_id, reason, delivered=delivered)
    return True


SPAM_COMPLAINT = "It arrived, but they marked it as spam, so we have stopped emailing them."


def _record_bounce(student: Student, notice_id: int, reason: str, *, delivered: bool = False) -> None:
    sent = _sent_to(student, notice_id)
    if delivered:
        sent.update(problem=SPAM_COMPLAINT)
        return
    problem = f"It did not arrive: {reason}"[:300]
    sent.filter(kind__in=CALL_KINDS).update(channel=Notice.Channel.PHONE, status=Notice.Status.TO_CALL, problem=problem)
    sent.update(status=Notice.Status.FAILED, problem=problem)


def record_not_sent(email: str, *, notice_id: int | None, reason: str) -> None:
    """The provider would not send one email for a reason that is ours, not the address's (our
    domain's settings, the message itself): the address stays in use, and the email shows under
    "Emails not sent" to try again once the cause is fixed."""
    student = Student.objects.filter(email=normalise_email(email)).first()
    if student is not None and notice_id:
        _sent_to(student, notice_id).update(status=Notice.Status.FAILED, problem=reason[:300])


def _sent_to(student: Student, notice_id: int):
    # Only a row for this student, so an event cannot touch someone else's record, and only one
    # still marked sent, so the same event twice (or after staff phoned them) changes nothing.
    return Notice.objects.filter(pk=notice_id, student=student, status=Notice.Status.SENT)


def clear_undeliverable(student: Student) -> None:
    """Staff fixed or checked the address: emails go to it again from now on. (What could not be
    sent meanwhile is on the call list or under "Emails not sent", to try again.) The time is
    kept, so a bounce from before it, sent again by the provider or anyone else, cannot undo it."""
    with transaction.atomic():
        clear_email_problem(student_id=student.pk)
        AddressChecked.objects.update_or_create(student_id=student.pk, defaults={"checked_at": timezone.now()})


def is_from_before_checked(student: Student, happened_at) -> bool:
    """Whether the provider's news is no newer than staff's last check of the address. News with
    no time of its own cannot be shown to be newer, so after a check it is not believed."""
    checked_at = AddressChecked.objects.filter(student_id=student.pk).values_list("checked_at", flat=True).first()
    if checked_at is None:
        return False
    return happened_at is None or happened_at <= checked_at
