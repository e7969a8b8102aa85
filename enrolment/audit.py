"""Staff actions on students and bookings, written to Wagtail's history (ModelLogEntry), so each
shows on the student's or run's History and in Reports > Staff log (admin/staff_log.py: Wagtail's
site history narrowed to these actions, searchable by staff member, action, date, type, label and
student). The entry's label is never a person's name:
Wagtail would otherwise copy str(student) into it, and an erased student's name would live on in
the log.

Where each entry goes: a change to someone's booking, their details, their emails or their
certificate is on the Student (their History page; only those with permissions on students see
it, so facilitators never do); a register or a walk-in is on the run; a list of many people (the
students list, every waiting list, a report) is on the default Site, one stable object that only
college admins may see in the Staff log.

Students and the system are not staff: their changes are in StateChange only (records.py)."""

import uuid

from wagtail.log_actions import LogFormatter, get_active_log_context, log
from wagtail.models import Site

# Every action of ours: its code and the words staff read in the history (and choose from in Site
# history's "Action" filter). Registered with Wagtail from here (register_log_actions, in
# enrolment/wagtail_hooks.py), so a code added to this dict is registered too.
ACTIONS = {
    # Places, waiting lists and offers (records.py writes these for every StateChange by staff).
    "college.place.enrol": "Gave them a place",
    "college.place.cancel": "Cancelled their place",
    "college.waitlist.add": "Put them on a waiting list",
    "college.waitlist.remove": "Took them off a waiting list",
    "college.waitlist.move_up": "Moved them up a waiting list",
    "college.waitlist.cancel": "Ended their wait",
    "college.offer.make": "Offered them a place",
    "college.offer.accept": "Recorded that they accepted a place offered",
    "college.offer.decline": "Recorded that they turned down a place offered",
    "college.offer.withdraw": "Withdrew a place offered",
    "college.offer.expire": "Ended a place offered",
    "college.attendance.mark": "Marked attendance",
    "college.booking.change": "Changed a booking",
    # Their record.
    "college.student.add": "Added them as a student",
    "college.student.edit": "Changed their details",
    "college.student.subject_access": "Downloaded everything held about them (subject access)",
    "college.student.erased": "Deleted their details at their request",
    "college.student.erasure_held": "Put a hold on deleting their details",
    "college.student.erasure_hold_lifted": "Lifted the hold on deleting their details",
    # Reports about nobody in particular (equality/admin_views.py): logged on the settings row.
    "college.equality.report_download": "Downloaded the equality monitoring report",
    # Their emails and calls (notices/staff.py).
    "college.notice.called": "Recorded a phone call to them",
    "college.notice.send_again": "Sent an email to them again",
    "college.notice.address_checked": "Recorded that their email address was checked",
    # Runs (on the CourseRun).
    "college.run.cancel": "Cancelled the run and told everyone on it",
    "college.run.change": "Changed the run and told everyone on it",
    "college.walk_in.add": "Added someone who walked in",
    "college.walk_in.remove": "Took a walk-in off a session",
    "college.walk_in.erased": "Deleted a walk-in's details",
    # Files and printouts with people's details.
    "college.export.register": "Downloaded the register",
    "college.export.sign_in_sheet": "Opened the sign-in sheet to print",
    "college.export.certificate": "Downloaded their certificate of attendance",
    "college.export.students": "Downloaded the students list",
    "college.export.waiting_lists": "Downloaded every waiting list",
    "college.export.report": "Downloaded a report for commissioners",
}


class StaffActionFormatter(LogFormatter):
    """The words, then what the entry's data says: the course, how, how many rows, and the reason."""

    def format_message(self, log_entry):
        return describe(self.label, log_entry.data or {})


def describe(words: str, data: dict) -> str:
    message = words
    if data.get("course"):
        message += f": {data['course']}"
    details = [str(data[key]) for key in ("detail", "how") if data.get(key)]
    if "rows" in data:
        details.append(f"{data['rows']} row{'' if data['rows'] == 1 else 's'}")
    if details:
        message += f" ({', '.join(details)})"
    if data.get("reason"):
        message += f". Reason: {data['reason']}"
    return message


def register_actions(actions) -> None:
    """For the register_log_actions hook: every code in ACTIONS, with its words."""
    for code, words in ACTIONS.items():
        actions.register_action(code)(type("Formatter", (StaffActionFormatter,), {"label": words}))


def is_staff(actor) -> bool:
    return bool(getattr(actor, "pk", None)) and getattr(actor, "is_authenticated", False)


def acting_staff():
    """The member of staff behind this admin request (Wagtail's log context), for changes that
    reach us through a model's save rather than a call that names them: None outside the admin."""
    user = get_active_log_context().user
    return user if is_staff(user) else None


def log_staff_action(*, user, instance, action: str, data: dict | None = None, title: str | None = None):
    """Log what a member of staff did to `instance` (a Student, Enrolment, CourseRun...). Students
    and the system are not staff: their changes are in StateChange only. Returns the entry or None."""
    if not is_staff(user):
        return None
    label = title or f"{instance._meta.verbose_name.capitalize()} {instance.pk}"
    # A fresh uuid for each entry: Wagtail's History shows only the latest entry of each (uuid,
    # action) pair across all objects, so one request cancelling a run for ten students would
    # otherwise leave nine students' History without it.
    return log(instance=instance, action=action, user=user, data=data or {}, title=label, uuid=uuid.uuid4())


# What a StateChange means to staff: (subject, state moved to) -> action. Waiting-list moves that
# shadow an offer or a place (offered, enrolled, expired) are left out: the offer's or place's own
# entry says it, once.
_BOOKING_ACTIONS = {
    ("enrolment", "confirmed"): "college.place.enrol",
    ("enrolment", "cancelled"): "college.place.cancel",
    ("waitlist", "waiting"): "college.waitlist.add",
    ("waitlist", "left"): "college.waitlist.remove",
    ("waitlist", "declined"): "college.waitlist.remove",
    ("waitlist", "cancelled"): "college.waitlist.cancel",
    ("offer", "live"): "college.offer.make",
    ("offer", "accepted"): "college.offer.accept",
    ("offer", "declined"): "college.offer.decline",
    ("offer", "withdrawn"): "college.offer.withdraw",
    ("offer", "expired"): "college.offer.expire",
    ("attendance", "present"): "college.attendance.mark",
    ("attendance", "absent"): "college.attendance.mark",
    ("attendance", "apologies"): "college.attendance.mark",
}
# How a place was taken, as the history reads ("Gave them a place: Yoga (by phone)").
_HOW = {"online": "online", "phone": "by phone", "paper": "on a paper form", "in_person": "in person"}
_SHADOWS = {("waitlist", "offered"), ("waitlist", "enrolled"), ("waitlist", "expired")}


def booking_action(subject: str, from_state: str, to_state: str, reason: str) -> str | None:
    if subject == "student":
        return None  # erasure logs its own entry (services/forgetting.py)
    if (subject, to_state) in _SHADOWS:
        return None
    if subject == "waitlist" and from_state == to_state and reason.startswith("moved up"):
        return "college.waitlist.move_up"
    if from_state and from_state == to_state:
        return "college.booking.change"
    return _BOOKING_ACTIONS.get((subject, to_state), "college.booking.change")


def log_booking_change(*, subject: str, obj, student, run, from_state: str, to_state: str, actor, reason: str):
    """The staff entry for one StateChange, on the student: nothing for students or the system."""
    action = booking_action(subject, from_state, to_state, reason) if is_staff(actor) else None
    if action is None:
        return None
    data = {"subject": subject, "id": obj.pk, "from": from_state, "to": to_state, "reason": reason}
    if run is not None:
        data.update(run_id=run.pk, course=run.course.title)
    if action == "college.waitlist.move_up":
        data["reason"] = reason.removeprefix("moved up: ")
    elif subject == "attendance":
        data["detail"] = f"{to_state}, {reason}" if reason else to_state
        data["reason"] = ""
    elif subject == "enrolment" and to_state == "confirmed" and hasattr(obj, "get_source_display"):
        data["how"] = _HOW.get(obj.source, obj.get_source_display().lower())
    return log_staff_action(user=actor, instance=student, action=action, data=data)


def list_object():
    """What a download of a list of many people is logged on: the default Site (see the top)."""
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def log_export(*, user, what: str, instance=None, rows: int | None = None, filters: dict | None = None, **data):
    """A download of people's details: `what` is the end of its action code (college.export.<what>).
    `filters` must hold no free text that could name someone (say that a search was used, not its
    words): the entry outlives the people in the file."""
    instance = instance or list_object()
    if instance is None:
        return None
    data = {"what": what, "filters": filters or {}, **data}
    if rows is not None:
        data["rows"] = rows
    return log_staff_action(user=user, instance=instance, action=f"college.export.{what}", data=data)
