"""Finding the reminders that are due, by sweeping the database every minute: never by Celery
tasks delayed for days, which Redis would redeliver after its visibility timeout.

When each is due: reminder_rules.py (UK wall-clock times). A reminder is owed only to people
enrolled by the time it was due: someone who enrols later already has the dates in their confirmation."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.models import CourseRun, Session
from enrolment.models import Enrolment

from . import esp
from .dispatch import enqueue_in_batches
from .ledger import new_notice
from .models import Notice
from .reminder_rules import Rule, due_at, rules, rules_for


def owe_due_reminders(*, now: dt.datetime | None = None) -> int:
    """Write a ledger row for every reminder now due. Safe to run any number of times, at once
    too: each row's key is (kind, enrolment, session), so a second run finds them all written."""
    now = now or timezone.now()
    all_rules = rules()
    if not all_rules:
        return 0
    horizon = now + dt.timedelta(days=max(rule.days_before for rule in all_rules) + 1)
    sessions = (
        Session.objects.filter(
            run__status=CourseRun.Status.SCHEDULED, date__gte=timezone.localdate(now), date__lte=horizon.date()
        )
        .select_related("run")
        .prefetch_related("run__sessions")
    )  # first_session without a query each
    created = 0
    for session in sessions:
        if session.starts_at <= now:
            continue
        is_first = session.run.first_session == session
        # Only the latest rule that is due: after an outage, one reminder rather than a pile.
        due_rules = [rule for rule in rules_for(is_first=is_first, all_rules=all_rules) if due_at(session, rule) <= now]
        if due_rules:
            rule = min(due_rules, key=lambda rule: rule.days_before)
            created += _owe_for_session(session, rule, due_at(session, rule), now=now)
    return created


def _owe_for_session(session: Session, rule: Rule, due: dt.datetime, *, now: dt.datetime) -> int:
    enrolments = (
        Enrolment.objects.holding_places()
        .filter(run_id=session.run_id, created_at__lte=due, student__forgotten_at__isnull=True)
        .exclude(pk__in=_already_owed(rule.kind, session))
        .select_related("student")
    )
    rows = [
        new_notice(
            rule.kind,
            student=enrolment.student,
            run=session.run,
            subject_id=enrolment.pk,
            session=session,
            now=now,
            key=f"{rule.kind}:{enrolment.pk}:{session.pk}",
        )
        for enrolment in enrolments
    ]
    if not rows:
        return 0
    keys = [row.key for row in rows]
    with transaction.atomic():
        # A sweep running at the same moment may have written some of these: theirs stand.
        Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        pending = list(
            Notice.objects.filter(key__in=keys, status=Notice.Status.PENDING, queued_at=now).values_list(
                "pk", flat=True
            )
        )
        # One task per batch: reminders for one session go to the provider together.
        transaction.on_commit(lambda: enqueue_in_batches(pending, esp.BATCH_SIZE))
    return len(rows)


def _already_owed(kind: str, session: Session):
    return Notice.objects.filter(kind=kind, session=session).values("subject_id")
