"""The retention rules: personal details erased once the college no longer needs them, with the
times college admins set in RetentionSettings (privacy/models.py). `apply_retention` runs every
night (privacy.tasks); each rule is its own function returning how many rows it changed, and each
finds only what is not yet erased, so running twice, or two at once, changes nothing more.

The writes themselves belong to the apps that own the rows: enrolment.services (students, places,
walk-ins) and notices.retention (email records). privacy/registry.py lists every personal field
and which of these erases it."""

import datetime as dt
import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session as BrowserSession
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, Student, WaitlistEntry
from enrolment.services import retention as bookings
from enrolment.services.forgetting import forget_student
from notices.models import Notice
from notices.retention import blank_old_notices, delete_old_tracking_digests

from .models import RetentionSettings

logger = logging.getLogger(__name__)
BATCH = 500
INACTIVE_REASON = "no activity for {years} years"


def apply_retention(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Every rule, in turn, with the college's saved times. Returns the count of each, by name."""
    now = now or timezone.now()
    rules = RetentionSettings.load()
    counts = {
        "supporter_names": blank_supporter_names(now, rules),
        "support_needs": blank_support_needs(now, rules),
        "walk_ins": forget_walk_ins(now, rules),
        "email_records": blank_email_records(now, rules),
        "inactive_students": forget_inactive_students(now, rules),
        "staff_sign_ins": delete_staff_sign_ins(now, rules),
        "expired_sessions": delete_expired_sessions(now),
    }
    # Counts only: never a name or address in the logs.
    logger.info("Retention applied: %s", ", ".join(f"{name} {count}" for name, count in counts.items()))
    return counts


def _days_ago(now: dt.datetime, days: int) -> dt.date:
    """The first day still kept: a run that ended on this day or later is kept."""
    return timezone.localdate(now) - dt.timedelta(days=days)


def blank_supporter_names(now: dt.datetime, rules: RetentionSettings) -> int:
    return bookings.blank_supporter_names(ended_before=_days_ago(now, rules.support_needs_days))


def blank_support_needs(now: dt.datetime, rules: RetentionSettings) -> int:
    days = rules.support_needs_days
    return bookings.blank_old_support_needs(
        ended_before=_days_ago(now, days), joined_before=now - dt.timedelta(days=days)
    )


def forget_walk_ins(now: dt.datetime, rules: RetentionSettings) -> int:
    return bookings.forget_walk_ins(session_before=_days_ago(now, rules.walk_in_days))


def blank_email_records(now: dt.datetime, rules: RetentionSettings) -> int:
    cutoff = now - dt.timedelta(days=rules.email_record_days)
    return blank_old_notices(created_before=cutoff) + delete_old_tracking_digests(applied_before=cutoff)


def inactive_students(since: dt.datetime):
    """Students not yet forgotten with no activity since `since`: not created or changed, no
    place or wait made, no run of theirs ending (or without sessions yet), no email owed or sent."""
    recent_runs = (
        CourseRun.objects.with_dates()
        .filter(Q(last_date__gte=timezone.localdate(since)) | Q(last_date__isnull=True))
        .values("pk")
    )
    student = OuterRef("pk")
    return (
        Student.objects.filter(forgotten_at__isnull=True, created_at__lt=since, updated_at__lt=since)
        # A safeguarding or legal hold keeps them until a college admin lifts it.
        .filter(erasure_hold_reason="")
        .exclude(
            Exists(Enrolment.objects.filter(student=student).filter(Q(created_at__gte=since) | Q(run__in=recent_runs)))
        )
        .exclude(
            Exists(
                WaitlistEntry.objects.filter(student=student).filter(Q(created_at__gte=since) | Q(run__in=recent_runs))
            )
        )
        .exclude(
            Exists(Notice.objects.filter(student=student).filter(Q(created_at__gte=since) | Q(sent_at__gte=since)))
        )
    )


def forget_inactive_students(now: dt.datetime, rules: RetentionSettings) -> int:
    """Erase students with no activity for the set number of years, by the same erasure as
    "delete my data" (forget_student): places still to come given up, details erased, the
    anonymous rows kept for the figures. One student at a time, each in its own transactions."""
    years = rules.inactive_student_years
    since = _years_before(now, years)
    reason = INACTIVE_REASON.format(years=years)
    forgotten, after = 0, 0
    while ids := list(
        inactive_students(since).filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:BATCH]
    ):
        for student_id in ids:
            try:
                forget_student(student_id=student_id, actor="system", reason=reason, now=now)
                forgotten += 1
            except Exception:  # noqa: BLE001 - one student's trouble must not stop the rest; tried again tomorrow
                logger.exception("Could not forget inactive student %s", student_id)
        after = ids[-1]
    return forgotten


def _years_before(now: dt.datetime, years: int) -> dt.datetime:
    """The same day `years` earlier (28 February for a 29th with no leap year then)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def _delete_in_batches(queryset) -> int:
    deleted = 0
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        deleted += queryset.model.objects.filter(pk__in=ids).delete()[0]
    return deleted


def delete_staff_sign_ins(now: dt.datetime, rules: RetentionSettings) -> int:
    """django-axes keeps a row for every staff sign-in (user name, internet address, browser)
    and for failed ones: deleted after the set number of days. The lockout counts only the last
    few minutes (AXES_COOLOFF_TIME), so nothing it needs is older than that."""
    before = now - dt.timedelta(days=rules.staff_sign_in_days)
    return (
        _delete_in_batches(AccessLog.objects.filter(attempt_time__lt=before))
        + _delete_in_batches(AccessAttempt.objects.filter(attempt_time__lt=before))
        + _delete_in_batches(AccessFailureLog.objects.filter(attempt_time__lt=before))
    )


def delete_expired_sessions(now: dt.datetime) -> int:
    """Browser sessions that have expired (a student's holds their id, staff's their user id):
    Django never deletes them by itself (its `clearsessions` command does this)."""
    return _delete_in_batches(BrowserSession.objects.filter(expire_date__lt=now))
