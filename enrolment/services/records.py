"""Writing down what happened: a StateChange row for every move, and a message owed to the student
for every move they must hear about. Both in the caller's transaction, so neither exists without
the other.

Owing a message is enrolment's one port to the notices app, which sits above it (notices reads
enrolment; enrolment never imports notices). Notices plugs its ledger in as Django starts
(notices.apps.NoticesConfig.ready calls `connect_ledger`)."""

import datetime as dt
import uuid
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from enrolment.audit import log_booking_change
from enrolment.models import StateChange

_owe: Callable | None = None


def connect_ledger(owe: Callable) -> None:
    """`owe(kind, *, student, run, subject_id, now, key, details)` writes one ledger row in the
    caller's transaction; the same key twice is one message."""
    global _owe
    _owe = owe


def record(
    subject: str, obj, *, student, run, from_state: str, to_state: str, actor=None, reason: str = "", now: dt.datetime
) -> None:
    """Write down one move (who, what, from which state to which, why) for the audit trail; a
    move by staff (`actor` a user) is in Wagtail's history too."""
    StateChange.objects.create(
        subject=subject,
        subject_id=obj.pk,
        student=student,
        run=run,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=("staff" if getattr(actor, "pk", None) else (actor or "system")),
        reason=reason[:300],
        at=now,
    )
    # A member of staff's change is also in Wagtail's history, on the student (enrolment/audit.py).
    log_booking_change(
        subject=subject,
        obj=obj,
        student=student,
        run=run,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        reason=reason[:300],
    )


def publish(kind: str, obj, *, student, run, now: dt.datetime, key: str = "", details: str = ""):
    """Owe `student` the message `kind` about `obj`, once per key (by default one per kind and
    object, so owing it again changes nothing). Returns the ledger's row, or None when nothing
    can be sent (they asked us to forget them)."""
    if _owe is None:
        raise ImproperlyConfigured("No ledger is connected: add 'notices' to INSTALLED_APPS.")
    return _owe(kind, student=student, run=run, subject_id=obj.pk, now=now, key=key, details=details)


def publish_sign_in(student, *, now: dt.datetime) -> None:
    # Every request for a link is its own message: the key is never reused.
    """Owe `student` a sign-in link email."""
    publish("sign_in", student, student=student, run=None, now=now, key=f"sign_in:{student.pk}:{uuid.uuid4().hex}")
