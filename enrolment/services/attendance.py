"""Taking the register: marking each enrolled person present, absent or sent apologies at one
session, and adding people who walked in. Called by the staff "Take the register" page.

Marks are not about places, so they do not take the run's lock: two members of staff marking the
same person take turns on that enrolment's row instead, and the last tap wins. Pressing the same
button twice changes nothing, so a double tap or a resent form is harmless."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.models import Session
from enrolment.models import Attendance, Enrolment, WalkIn

from ..audit import log_staff_action
from ..errors import EnrolmentError
from ..text import without_hidden_controls
from .joining import normalise_email
from .records import record


class NotOnThisRun(EnrolmentError):
    message = "They do not have a place on this course, so they cannot be marked on its register."


class UnknownMark(EnrolmentError):
    message = "Choose present, absent or apologies."


class WalkInNameRequired(EnrolmentError):
    message = "Enter the name of the person who walked in"


def mark_attendance(
    *, session_id: int, enrolment_id: int, mark: str, actor, now: dt.datetime | None = None
) -> Attendance:
    """Mark someone with a place on the session's run as present, absent or sent apologies, or
    change their mark. Records a StateChange when the mark changes; the same mark again changes
    nothing. Raises NotOnThisRun for anyone without a confirmed place on that run (a cancelled
    place keeps the marks it had, but takes no new ones), UnknownMark for any other mark."""
    if mark not in Attendance.Mark.values:
        raise UnknownMark()
    now = now or timezone.now()
    with transaction.atomic():
        session = Session.objects.select_related("run").get(pk=session_id)
        # The lock on the enrolment is what makes two people marking the same person take turns.
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("student").get(pk=enrolment_id)
        if enrolment.run_id != session.run_id or enrolment.status != Enrolment.Status.CONFIRMED:
            raise NotOnThisRun()
        attendance = Attendance.objects.filter(session=session, enrolment=enrolment).first()
        before = attendance.mark if attendance else ""
        if before == mark:
            return attendance
        if attendance is None:
            attendance = Attendance(session=session, enrolment=enrolment)
        attendance.mark = mark
        attendance.marked_by = actor if getattr(actor, "pk", None) else None
        attendance.marked_at = now
        attendance.save()
        record(
            "attendance",
            attendance,
            student=enrolment.student,
            run=session.run,
            from_state=before,
            to_state=mark,
            actor=actor,
            reason=f"session on {session.date:%-d %b %Y}",
            now=now,
        )
        return attendance


def add_walk_in(
    *, session_id: int, name: str, phone: str = "", email: str = "", actor, now: dt.datetime | None = None
) -> WalkIn:
    """Add someone who came to this session without a place. `phone` is already E.164 (the form's
    PhoneField). Adding the same name to the same session again returns the first one, so a form
    sent twice does not count one person twice. Raises WalkInNameRequired when the name is blank."""
    name = " ".join(without_hidden_controls(name or "").split())
    if not name:
        raise WalkInNameRequired()
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the session so two people adding the same walk-in at once make one row.
        session = Session.objects.select_for_update().get(pk=session_id)
        existing = WalkIn.objects.filter(session=session, name__iexact=name).first()
        if existing:
            return existing
        walk_in = WalkIn.objects.create(
            session=session,
            name=name[:200],
            phone=phone or "",
            email=normalise_email(email) or "",
            added_by=actor if getattr(actor, "pk", None) else None,
            added_at=now,
        )
        # On the run, for its History; never their name (enrolment/audit.py).
        log_staff_action(
            user=actor, instance=session.run, action="college.walk_in.add", data=_walk_in_data(walk_in, session)
        )
        return walk_in


def _walk_in_data(walk_in: WalkIn, session: Session) -> dict:
    return {"walk_in_id": walk_in.pk, "session_id": session.pk, "detail": f"session on {session.date:%-d %b %Y}"}


def remove_walk_in(*, walk_in_id: int, session_id: int, actor=None) -> bool:
    """Take a walk-in added by mistake off a session. Returns False when they were already gone."""
    walk_in = WalkIn.objects.filter(pk=walk_in_id, session_id=session_id).select_related("session__run").first()
    if walk_in is None:
        return False
    deleted, _ = WalkIn.objects.filter(pk=walk_in_id, session_id=session_id).delete()
    if deleted:
        session = walk_in.session
        log_staff_action(
            user=actor, instance=session.run, action="college.walk_in.remove", data=_walk_in_data(walk_in, session)
        )
    return bool(deleted)


ERASED_WALK_IN = "Walk-in"


def erase_walk_in(*, walk_in_id: int, actor, session_id: int | None = None) -> bool:
    """Erase a walk-in's details (they asked, or the retention job's time came): the name becomes
    "Walk-in" and phone and email go, but the row stays, so they still count as at that session.
    `session_id`, when given, must be theirs (the register's address). Returns False when there
    was nothing to erase (already erased, or not found)."""
    with transaction.atomic():
        walk_ins = WalkIn.objects.select_for_update().filter(pk=walk_in_id)
        if session_id is not None:
            walk_ins = walk_ins.filter(session_id=session_id)
        walk_in = walk_ins.first()
        if walk_in is None or (walk_in.name == ERASED_WALK_IN and not walk_in.phone and not walk_in.email):
            return False
        walk_in.name, walk_in.phone, walk_in.email = ERASED_WALK_IN, "", ""
        walk_in.save(update_fields=["name", "phone", "email"])
        log_staff_action(user=actor, instance=walk_in, action="college.walk_in.erased", title=f"Walk-in {walk_in.pk}")
        return True
