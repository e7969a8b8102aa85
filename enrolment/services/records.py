"""Writing down what happened: a StateChange row for every move, and a ledger row (notices.Notice)
for every message a student must get. Both in the caller's transaction, so neither exists
without the other."""

import datetime as dt

from enrolment.models import StateChange
from notices.ledger import owe


def record(subject: str, obj, *, student, run, from_state: str, to_state: str, actor=None,
           reason: str = "", now: dt.datetime) -> None:
    StateChange.objects.create(
        subject=subject, subject_id=obj.pk, student=student, run=run, from_state=from_state,
        to_state=to_state, actor=actor if getattr(actor, "pk", None) else None,
        actor_label=("staff" if getattr(actor, "pk", None) else (actor or "system")),
        reason=reason[:300], at=now,
    )


def publish(kind: str, obj, *, student, run, now: dt.datetime, key: str = "", details: str = "") -> None:
    owe(kind, student=student, run=run, subject_id=obj.pk, now=now, key=key, details=details)
