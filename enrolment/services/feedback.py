"""Feedback after a course: asking the people who came, once each, and keeping their answer.

Asking happens in a sweep (enrolment.tasks), not when the last register is taken: registers are
often finished days later, and whoever came to any session may answer. The email is owed through
the ledger with one key per run and student, so a sweep run twice, or every few minutes for days,
asks each person once. Each place is stamped (`Enrolment.feedback_asked_at`) in the same transaction,
and later sweeps look only at places not stamped yet: the key is the guarantee, the stamp saves
asking the ledger about every attender every five minutes for a week."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Attendance, Enrolment, FeedbackAnswer

from ..errors import EnrolmentError
from ..text import without_hidden_controls
from .records import publish

# Runs whose last session was up to this long ago are asked; older ones were asked already (or
# finished before feedback existed, and it is too late to ask now).
ASK_WITHIN = dt.timedelta(days=7)
CHIME_FIELDS = ("connectedness", "hope", "identity", "meaning", "empowerment")


class AlreadyAnswered(EnrolmentError):
    message = "Thank you, we already have your feedback for this course. You do not need to do anything else."


class NotAsked(EnrolmentError):
    message = "We can only ask for feedback from people who came to this course. Please call us if this is wrong."


def attended(enrolments):
    """Confirmed places with at least one 'present' mark: the people we ask for feedback."""
    present = Attendance.objects.filter(enrolment=OuterRef("pk"), mark=Attendance.Mark.PRESENT)
    return enrolments.filter(status=Enrolment.Status.CONFIRMED).filter(Exists(present))


def feedback_key(run_id: int, student_id: int) -> str:
    """The ledger key of the one feedback email a person gets for a run."""
    return f"feedback:{run_id}:{student_id}"


def not_yet_asked(enrolments):
    """Places from which feedback is still to be asked: they came, nobody has asked them yet, and
    they have not asked us to forget them (the ledger would send them nothing)."""
    return attended(enrolments).filter(feedback_asked_at__isnull=True, student__forgotten_at__isnull=True)


def ask_for_feedback(now: dt.datetime) -> int:
    """Owe one "feedback" email to each person who came to a run whose last session has ended
    (within the last week) and who has not been asked yet, once per run and person. Someone
    marked present days after the last session is asked by the next sweep. Returns how many
    people this sweep asked (one the ledger had already, from a sweep running at the same
    moment, is counted but sent nothing again)."""
    today = timezone.localdate(now)
    runs = (
        CourseRun.objects.scheduled()
        .with_dates()
        .filter(last_date__lte=today, last_date__gte=today - ASK_WITHIN)
        .prefetch_related("sessions")
    )
    owed = 0
    for run in runs:
        last = run.last_session
        if last is None or last.ends_at > now:
            continue
        enrolments = list(not_yet_asked(Enrolment.objects.filter(run=run)).select_related("student"))
        if not enrolments:
            continue
        with transaction.atomic():
            for enrolment in enrolments:
                notice = publish(
                    "feedback",
                    enrolment,
                    student=enrolment.student,
                    run=run,
                    now=now,
                    key=feedback_key(run.pk, enrolment.student_id),
                )
                owed += notice is not None
            Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).update(feedback_asked_at=now)
    return owed


def can_answer(enrolment: Enrolment) -> bool:
    """Whether this place is one we ask feedback from: confirmed, and they came at least once."""
    return attended(Enrolment.objects.filter(pk=enrolment.pk)).exists()


def already_answered(enrolment: Enrolment) -> bool:
    """Whether the person holding this place has given feedback on its run already."""
    return FeedbackAnswer.objects.filter(run_id=enrolment.run_id, student_id=enrolment.student_id).exists()


def record_answer(
    *,
    enrolment_id: int,
    experience: str,
    what_helped: str = "",
    could_do_better: str = "",
    chime: dict[str, int | None] | None = None,
    now: dt.datetime,
) -> FeedbackAnswer:
    """Keep one person's feedback on the run of `enrolment_id`. One answer per person and run:
    a second raises AlreadyAnswered (also when two are sent at once: the database refuses the
    later one). Raises NotAsked for anyone who did not come to the course."""
    enrolment = Enrolment.objects.select_related("run").get(pk=enrolment_id)
    if not can_answer(enrolment):
        raise NotAsked()
    chime = chime or {}
    answer = FeedbackAnswer(
        run_id=enrolment.run_id,
        student_id=enrolment.student_id,
        experience=FeedbackAnswer.Experience(experience),
        what_helped=without_hidden_controls(what_helped).strip(),
        could_do_better=without_hidden_controls(could_do_better).strip(),
        created_at=now,
        **{name: chime.get(name) for name in CHIME_FIELDS},
    )
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError as error:
        raise AlreadyAnswered() from error
    return answer
