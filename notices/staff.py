"""What staff do with the ledger: record that they phoned someone, and try again an email that
could not be sent. Called by the admin's "People to call" and "Emails not sent" pages
(notices/admin/people_to_call.py, emails_not_sent.py). Whether an address works: addresses.py."""

from django.db import transaction
from django.utils import timezone

from enrolment.audit import log_staff_action
from enrolment.models import Student

from .dispatch import enqueue
from .kinds import of
from .models import Notice


class NoticeError(Exception):
    """A staff action that no longer applies. The message is safe to show staff."""

    message = "Sorry, that could not be done. Please reload the page and try again."

    def __init__(self, message: str | None = None):
        self.message = message or self.message
        super().__init__(self.message)


class AlreadyCalled(NoticeError):
    message = "This call has already been recorded, so nothing has changed."


class NotFailed(NoticeError):
    message = "This email is no longer waiting to be tried again (it may have been sent), so nothing has changed."


class AddressNotWorking(NoticeError):
    message = (
        "Their email address is not working. Check it with them first, correct it if need be, "
        "then press “Address checked: send again”."
    )


class NoAddress(NoticeError):
    message = "They have no email address now, so this cannot be sent. Phone or write to them instead."


def mark_called(notice_id: int, user) -> None:
    """Record that `user` phoned the student about this row, and when (in `sent_at`: for a phone
    row, when the message reached them). Raises AlreadyCalled if it is not on the call list any
    more, for example because a colleague recorded the same call a moment ago."""
    with transaction.atomic():
        updated = Notice.objects.filter(pk=notice_id, status=Notice.Status.TO_CALL).update(
            status=Notice.Status.CALLED, handled_by=user, sent_at=timezone.now()
        )
        if not updated:
            raise AlreadyCalled
        _log(user, notice_id, "college.notice.called")


def send_again(notice_id: int, user) -> None:
    """Put a failed email back in the queue, due now. Its attempts are kept, so a message that
    keeps failing shows as failed again after one more try rather than retrying for hours.
    Raises NotFailed, AddressNotWorking or NoAddress."""
    notice = Notice.objects.select_related("student").filter(pk=notice_id).first()
    if notice is None or notice.status != Notice.Status.FAILED:
        raise NotFailed
    if notice.student.forgotten_at or not notice.student.email:
        raise NoAddress
    if notice.student.email_undeliverable_at:
        raise AddressNotWorking
    now = timezone.now()
    with transaction.atomic():
        # Conditional on still being failed: two staff pressing at once queue it once.
        updated = Notice.objects.filter(pk=notice_id, status=Notice.Status.FAILED).update(
            status=Notice.Status.PENDING, due_at=now, queued_at=now, handled_by=user
        )
        if not updated:
            raise NotFailed
        _log(user, notice_id, "college.notice.send_again")
        transaction.on_commit(lambda: enqueue([notice_id]))


def _log(user, notice_id: int, action: str) -> None:
    """On the student's History (enrolment/audit.py): which message, never its words."""
    student_id, kind, run_id = Notice.objects.values_list("student_id", "kind", "run_id").get(pk=notice_id)
    data = {"notice_id": notice_id, "detail": of(kind).label, "run_id": run_id}
    log_staff_action(user=user, instance=Student(pk=student_id), action=action, data=data)
