"""Subject access: everything the college holds about one student, collected in one place so staff
and the student download the same thing (privacy/export.py turns it into a ZIP).

`everything_held(student_id)` returns one section per kind of record. Each section has a title, a
sentence saying what it is, human labels for its keys and its rows: plain dicts whose values are
JSON-safe (dates and times as ISO strings, UK time). Choices are given in the words people read.

Staff are never named: a person asking for their data is owed what we hold about them, not the
names of the colleagues who booked or phoned them, so any member of staff reads "A member of staff".
Internal values that say nothing about the person (the sign-in link's one-time nonce, a Notice's
de-duplication key, queue timestamps of the email worker) are left out.

COVERED and NOT_COVERED between them name every model with a link to Student:
tests/test_subject_access.py fails when a new one is in neither, so a new kind of record cannot
silently be missing from a subject access download."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import CourseRun
from enrolment.audit import ACTIONS
from enrolment.models import (
    Attendance,
    Enrolment,
    EnrolmentOpensAlert,
    FeedbackAnswer,
    LearningPlan,
    Offer,
    StateChange,
    Student,
    WaitlistEntry,
)
from enrolment.models.feedback import CHIME_STATEMENTS, FFT_QUESTION
from enrolment.selectors import certificate_for
from notices.models import Notice

STAFF = "A member of staff"
WHO = {"student": "You", "staff": STAFF, "system": "The college's booking system"}

# Student fields that say nothing about the person: left out of their details.
INTERNAL_STUDENT_FIELDS = {"id", "link_nonce"}
# A college admin's safeguarding or legal hold on erasure, and the history of placing or lifting
# it. Staff's download holds them, for the college to decide, before sending it, whether an
# exemption applies (telling someone of a safeguarding concern can put them or others at risk);
# the student's own download leaves them out, as their "delete my data" page does.
HOLD_FIELDS = {"erasure_hold_reason", "erasure_hold_by", "erasure_hold_at"}
HOLD_ACTIONS = {"college.student.erasure_held", "college.student.erasure_hold_lifted"}
# Plainer words than the fields' own names; a field added later shows under its verbose name.
STUDENT_LABELS = {
    "confirmed_adult": "You told us you are 18 or over",
    "joining_as": "You are joining as",
    "support_needs": "What helps you take part",
    "heard_about": "How you heard about us",
    "contact_by": "How you like us to contact you",
    "consent_at": "When you agreed to us keeping your details",
    "consent_how": "How you agreed",
    "reminders_off": "You asked for no reminder emails",
    "email_undeliverable_at": "Your email stopped working on",
    "email_problem": "What was wrong with your email",
    "forgotten_at": "Your details were deleted on",
    "erasure_hold_reason": "Why the college is keeping your details for now",
    "erasure_hold_by": "Who asked the college to keep them",
    "erasure_hold_at": "When the college decided to keep them",
    "created_at": "First added",
    "updated_at": "Last changed",
}

# Models linked to Student whose rows are read here, "app_label.ModelName" -> section name.
COVERED = {
    "enrolment.Enrolment": "enrolments",
    "enrolment.WaitlistEntry": "waiting_lists",
    "enrolment.EnrolmentOpensAlert": "opening_alerts",
    "enrolment.FeedbackAnswer": "feedback",
    "enrolment.LearningPlan": "learning_plan",
    "enrolment.StateChange": "changes",
    "notices.Notice": "emails_and_calls",
    "notices.AddressChecked": "address_checked",
    "equality.EqualityAsked": "equality_asked",
}
# Models linked to Student that are deliberately not read, each with the reason.
NOT_COVERED = {}

# Simple one-row-per-fact models, read field by field (the link to the student and ids left out).
# Named by label so a model still being built elsewhere (equality) is read once it exists.
PLAIN_MODELS = {
    "address_checked": "notices.AddressChecked",
    "equality_asked": "equality.EqualityAsked",
}


def _value(value):
    """JSON-safe: times in UK time as ISO strings, dates as ISO strings, decimals as text."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _field_value(instance, field):
    """One field as the person reads it: choices in words, staff as 'A member of staff'."""
    if field.is_relation:
        related_id = getattr(instance, field.attname)
        if related_id is None:
            return None
        if field.related_model is apps.get_model(settings.AUTH_USER_MODEL):
            return STAFF
        return str(getattr(instance, field.name))
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    return _value(getattr(instance, field.attname))


def _label(field) -> str:
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def _run_facts(run: CourseRun | None) -> dict:
    if run is None:
        return {"course": None, "term": None, "first_date": None, "last_date": None, "venue": None}
    sessions = run.session_list
    return {
        "course": run.course.title,
        "term": run.term.name,
        "first_date": _value(sessions[0].date) if sessions else None,
        "last_date": _value(sessions[-1].date) if sessions else None,
        "venue": "Online" if run.is_online else (run.location.name if run.location_id else None),
    }


RUN_LABELS = {
    "course": "Course",
    "term": "Term",
    "first_date": "First session",
    "last_date": "Last session",
    "venue": "Where",
}


def _runs(run_ids) -> dict[int, CourseRun]:
    """Every run these records mention, with what _run_facts reads, in three queries."""
    runs = CourseRun.objects.filter(pk__in={pk for pk in run_ids if pk}).select_related("course", "term", "location")
    return {run.pk: run for run in runs.prefetch_related("sessions")}


def _details(student: Student, leave_out: set[str]) -> tuple[dict, list[dict]]:
    fields = [f for f in Student._meta.concrete_fields if f.name not in INTERNAL_STUDENT_FIELDS | leave_out]
    labels = {f.name: STUDENT_LABELS.get(f.name) or _label(f) for f in fields}
    return labels, [{f.name: _field_value(student, f) for f in fields}]


def _enrolments(student, runs) -> tuple[dict, list[dict]]:
    labels = {
        "id": "Reference",
        **RUN_LABELS,
        "status": "Status",
        "places": "Places",
        "supporter_name": "Carer or supporter coming with you",
        "source": "How you enrolled",
        "booked_by": "Booked by",
        "over_capacity": "Added beyond the course's places",
        "created_at": "Enrolled",
        "cancelled_at": "Cancelled",
        "feedback_asked_at": "Asked for feedback",
    }
    rows = []
    for e in Enrolment.objects.filter(student=student).order_by("created_at", "pk"):
        rows.append(
            {
                "id": e.pk,
                **_run_facts(runs.get(e.run_id)),
                "status": e.get_status_display(),
                "places": e.places,
                "supporter_name": e.supporter_name,
                "source": e.get_source_display(),
                "booked_by": STAFF if e.created_by_id else None,
                "over_capacity": e.over_capacity,
                "created_at": _value(e.created_at),
                "cancelled_at": _value(e.cancelled_at),
                "feedback_asked_at": _value(e.feedback_asked_at),
            }
        )
    return labels, rows


def _waiting_lists(student, runs) -> tuple[dict, list[dict]]:
    labels = {
        "id": "Reference",
        **RUN_LABELS,
        "any_date": "Any dates that suit",
        "online_ok": "Online suits you",
        "venues": "Venues that suit you",
        "status": "Status",
        "places": "Places",
        "supporter_name": "Carer or supporter coming with you",
        "source": "How you joined",
        "queue_from": "In the queue from",
        "created_at": "Joined",
    }
    rows = []
    entries = WaitlistEntry.objects.filter(student=student).select_related("course").prefetch_related("locations")
    for entry in entries.order_by("created_at", "pk"):
        facts = _run_facts(runs.get(entry.run_id))
        facts["course"] = entry.course.title
        rows.append(
            {
                "id": entry.pk,
                **facts,
                "any_date": entry.is_any_date,
                "online_ok": entry.online_ok if entry.is_any_date else None,
                "venues": ", ".join(location.name for location in entry.locations.all()),
                "status": entry.get_status_display(),
                "places": entry.places,
                "supporter_name": entry.supporter_name,
                "source": entry.get_source_display(),
                "queue_from": _value(entry.queue_key),
                "created_at": _value(entry.created_at),
            }
        )
    return labels, rows


def _offers(student, runs) -> tuple[dict, list[dict]]:
    labels = {
        "id": "Reference",
        "waiting_list_id": "Waiting list reference",
        **RUN_LABELS,
        "places": "Places",
        "status": "Status",
        "by_phone": "Offered by phone",
        "offered_at": "Offered",
        "expires_at": "Offer ends",
        "reminded_at": "Reminded",
        "decided_at": "Decided",
    }
    rows = [
        {
            "id": offer.pk,
            "waiting_list_id": offer.entry_id,
            **_run_facts(runs.get(offer.run_id)),
            "places": offer.places,
            "status": offer.get_status_display(),
            "by_phone": offer.by_phone,
            "offered_at": _value(offer.offered_at),
            "expires_at": _value(offer.expires_at),
            "reminded_at": _value(offer.reminded_at),
            "decided_at": _value(offer.decided_at),
        }
        for offer in Offer.objects.filter(entry__student=student).order_by("offered_at", "pk")
    ]
    return labels, rows


def _attendance(student) -> tuple[dict, list[dict]]:
    labels = {
        "enrolment_id": "Enrolment reference",
        "course": "Course",
        "session_date": "Session",
        "start_time": "Starts",
        "mark": "Register",
        "marked_at": "Marked",
    }
    marks = Attendance.objects.filter(enrolment__student=student).select_related("session__run__course")
    rows = [
        {
            "enrolment_id": mark.enrolment_id,
            "course": mark.session.run.course.title,
            "session_date": _value(mark.session.date),
            "start_time": _value(mark.session.start_time),
            "mark": mark.get_mark_display(),
            "marked_at": _value(mark.marked_at),
        }
        for mark in marks.order_by("session__date", "session__start_time", "pk")
    ]
    return labels, rows


def _certificates(student) -> tuple[dict, list[dict]]:
    labels = {
        "enrolment_id": "Enrolment reference",
        "course": "Course",
        "first_date": "From",
        "last_date": "To",
        "attended": "Sessions you came to",
        "sessions": "Sessions in the course",
    }
    enrolments = (
        Enrolment.objects.filter(student=student, status=Enrolment.Status.CONFIRMED)
        .select_related("student", "run__course")
        .prefetch_related("run__sessions", "run__facilitators")
        .order_by("created_at", "pk")
    )
    rows = []
    for enrolment in enrolments:
        certificate = certificate_for(enrolment, now=timezone.now())
        if certificate:
            rows.append(
                {
                    "enrolment_id": enrolment.pk,
                    "course": certificate.course_title,
                    "first_date": _value(certificate.first_date),
                    "last_date": _value(certificate.last_date),
                    "attended": certificate.attended,
                    "sessions": certificate.sessions,
                }
            )
    return labels, rows


def _feedback(student, runs) -> tuple[dict, list[dict]]:
    labels = {
        **RUN_LABELS,
        "experience": FFT_QUESTION,
        "what_helped": "What helped",
        "could_do_better": "What we could do better",
        **dict(CHIME_STATEMENTS),
        "created_at": "Given",
    }
    rows = []
    for answer in FeedbackAnswer.objects.filter(student=student).order_by("created_at", "pk"):
        rows.append(
            {
                **_run_facts(runs.get(answer.run_id)),
                "experience": answer.get_experience_display(),
                "what_helped": answer.what_helped,
                "could_do_better": answer.could_do_better,
                **{
                    name: getattr(answer, f"get_{name}_display")() if getattr(answer, name) else None
                    for name, _ in CHIME_STATEMENTS
                },
                "created_at": _value(answer.created_at),
            }
        )
    return labels, rows


def _learning_plan(student) -> tuple[dict, list[dict]]:
    labels = {
        "goals": "Your goals",
        "topics": "Topics you are interested in",
        "shared_with_staff": "Shared with staff",
        "updated_at": "Last changed",
    }
    plan = LearningPlan.objects.filter(student=student).first()
    if plan is None:
        return labels, []
    topics = ", ".join(sorted(topic.name for topic in plan.topics.all()))
    row = {
        "goals": plan.goals,
        "topics": topics,
        "shared_with_staff": plan.shared_with_staff,
        "updated_at": _value(plan.updated_at),
    }
    return labels, [row]


def _opening_alerts(student, runs) -> tuple[dict, list[dict]]:
    labels = {**RUN_LABELS, "created_at": "You asked", "sent_at": "Dealt with"}
    alerts = EnrolmentOpensAlert.objects.filter(student=student).order_by("created_at", "pk")
    rows = [
        {**_run_facts(runs.get(a.run_id)), "created_at": _value(a.created_at), "sent_at": _value(a.sent_at)}
        for a in alerts
    ]
    return labels, rows


def _emails_and_calls(student, runs) -> tuple[dict, list[dict]]:
    labels = {
        "id": "Reference",
        "kind": "What about",
        "channel": "How",
        "status": "Status",
        "course": "Course",
        "first_date": "First session",
        "session_date": "Session it was about",
        "details": "What changed",
        "created_at": "Owed from",
        "due_at": "Due",
        "sent_at": "Sent or phoned",
        "attempts": "Tries",
        "problem": "Problem",
        "message_id": "Email provider's reference",
        "handled_by": "Phoned or sent again by",
    }
    rows = []
    for notice in Notice.objects.filter(student=student).select_related("session").order_by("created_at", "pk"):
        facts = _run_facts(runs.get(notice.run_id))
        rows.append(
            {
                "id": notice.pk,
                "kind": notice.get_kind_display(),
                "channel": notice.get_channel_display(),
                "status": notice.get_status_display(),
                "course": facts["course"],
                "first_date": facts["first_date"],
                "session_date": _value(notice.session.date) if notice.session else None,
                "details": notice.details,
                "created_at": _value(notice.created_at),
                "due_at": _value(notice.due_at),
                "sent_at": _value(notice.sent_at),
                "attempts": notice.attempts,
                "problem": notice.problem,
                "message_id": notice.message_id,
                "handled_by": STAFF if notice.handled_by_id else None,
            }
        )
    return labels, rows


def _changes(student, runs) -> tuple[dict, list[dict]]:
    labels = {
        "at": "When",
        "subject": "What",
        "subject_id": "Reference",
        "course": "Course",
        "from_state": "From",
        "to_state": "To",
        "who": "Who",
        "reason": "Why",
    }
    rows = [
        {
            "at": _value(change.at),
            "subject": change.subject,
            "subject_id": change.subject_id,
            "course": _run_facts(runs.get(change.run_id))["course"],
            "from_state": change.from_state,
            "to_state": change.to_state,
            "who": STAFF if change.actor_id else WHO.get(change.actor_label, change.actor_label),
            "reason": change.reason,
        }
        for change in StateChange.objects.filter(student=student).order_by("at", "pk")
    ]
    return labels, rows


def _staff_actions(student, leave_out: set[str]) -> tuple[dict, list[dict]]:
    """What staff did on their record in the admin (Wagtail's history), staff unnamed."""
    labels = {"at": "When", "action": "What", "who": "Who"}
    entries = (
        ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Student), object_id=str(student.pk))
        .exclude(action__in=leave_out)
        .order_by("timestamp", "pk")
    )
    rows = []
    for entry in entries:
        # The course an entry names, if any; other details staff logged may be about other people.
        course = (entry.data or {}).get("course")
        action = ACTIONS.get(entry.action, entry.action) + (f": {course}" if course else "")
        rows.append({"at": _value(entry.timestamp), "action": action, "who": STAFF})
    return labels, rows


def _plain(student, label: str) -> tuple[dict, list[dict]]:
    """Rows of a small model read field by field; nothing when that model is not installed."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return {}, []
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not (f.is_relation and f.related_model is Student)
    ]
    labels = {f.name: _label(f) for f in fields}
    links = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Student]
    rows = []
    for name in links:
        for row in model.objects.filter(**{name: student}).order_by("pk"):
            rows.append({f.name: _field_value(row, f) for f in fields})
    return labels, rows


# Each section: its name (the JSON file's name), title and one sentence for the README and summary.
ABOUT = {
    "details": ("Your details", "What you told us about yourself, and how we keep in touch with you."),
    "enrolments": ("Courses you enrolled on", "Every place you have had on a course, including cancelled ones."),
    "waiting_lists": ("Waiting lists", "Every waiting list you have been on."),
    "offers": ("Offers of a place", "Places we offered you from a waiting list, and what happened to each."),
    "attendance": ("Attendance", "The register for each session: present, absent or sent apologies."),
    "certificates": ("Certificates of attendance", "Courses you can download a certificate for."),
    "feedback": ("Your feedback", "What you told us after a course, in your own words."),
    "learning_plan": ("Your learning plan", "Your goals and the topics you are interested in."),
    "opening_alerts": ("Emails when enrolment opens", "Courses you asked us to email you about when enrolment opens."),
    "emails_and_calls": ("Emails and phone calls", "Every email we sent or owed you, and calls we made instead."),
    "changes": ("Record of changes", "Each change to your places, waits, offers and attendance: when, who and why."),
    "staff_actions": ("What staff did in our system", "Changes staff made to your record, and downloads of it."),
    "address_checked": ("Email address checked", "When staff last checked that your email address works."),
    "equality_asked": (
        "Equality questions",
        "Whether you have answered the optional equality questions. Your answers are kept apart from your name "
        "and cannot be linked back to you, so they are not in this download.",
    ),
}


def everything_held(student_id: int, *, for_student: bool = False) -> dict[str, dict]:
    """Every section, in the order people read them: {name: {title, about, labels, rows}}.
    `for_student`: their own download, without the college's hold on erasure (HOLD_FIELDS)."""
    student = Student.objects.get(pk=student_id)
    run_ids = [
        *Enrolment.objects.filter(student=student).values_list("run_id", flat=True),
        *WaitlistEntry.objects.filter(student=student).values_list("run_id", flat=True),
        *Offer.objects.filter(entry__student=student).values_list("run_id", flat=True),
        *FeedbackAnswer.objects.filter(student=student).values_list("run_id", flat=True),
        *EnrolmentOpensAlert.objects.filter(student=student).values_list("run_id", flat=True),
        *Notice.objects.filter(student=student).values_list("run_id", flat=True),
        *StateChange.objects.filter(student=student).values_list("run_id", flat=True),
    ]
    runs = _runs(run_ids)
    collected = {
        "details": _details(student, HOLD_FIELDS if for_student else set()),
        "enrolments": _enrolments(student, runs),
        "waiting_lists": _waiting_lists(student, runs),
        "offers": _offers(student, runs),
        "attendance": _attendance(student),
        "certificates": _certificates(student),
        "feedback": _feedback(student, runs),
        "learning_plan": _learning_plan(student),
        "opening_alerts": _opening_alerts(student, runs),
        "emails_and_calls": _emails_and_calls(student, runs),
        "changes": _changes(student, runs),
        "staff_actions": _staff_actions(student, HOLD_ACTIONS if for_student else set()),
        **{name: _plain(student, label) for name, label in PLAIN_MODELS.items()},
    }
    return {
        name: {"title": ABOUT[name][0], "about": ABOUT[name][1], "labels": labels, "rows": rows}
        for name, (labels, rows) in collected.items()
    }


def models_linked_to_student() -> set[str]:
    """Every installed model with a ForeignKey or OneToOneField to Student, as "app.Model"."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is Student:
                found.add(model._meta.label)
    return found
