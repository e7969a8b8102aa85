"""Saving a student's equality answers apart from them, and the one fact kept about them: that
they have answered. Called by the student's page (views.py)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import Term
from enrolment.models import Student

from .models import EqualityAsked, EqualityResponse
from .questions import QUESTIONS


class AlreadyAnswered(Exception):
    """They answered before (in another tab, or a second press of the button)."""


def has_answered(student: Student) -> bool:
    return EqualityAsked.objects.filter(student=student).exists()


def term_for(day: dt.date) -> Term | None:
    """The term an answer counts in: the term on now; between terms the next one (people answer
    after booking for it); after the last one, the last. None while the college has no terms."""
    on_or_after = Term.objects.filter(ends_on__gte=day).order_by("starts_on").first()
    return on_or_after or Term.objects.order_by("-ends_on").first()


def save_answers(*, student: Student, answers: dict[str, str], today: dt.date | None = None) -> None:
    """Record that `student` has answered and, if they chose any answer, their answers with nothing
    that leads back to them. One transaction: never answers without the mark (they would be asked
    again and counted twice), never the mark without the answers."""
    today = today or timezone.localdate()
    chosen = {question.name: answers.get(question.name) or "" for question in QUESTIONS}
    try:
        with transaction.atomic():
            EqualityAsked.objects.create(student=student)
            if any(chosen.values()):  # a form sent back empty has nothing to count
                EqualityResponse.objects.create(term=term_for(today), **chosen)
    except IntegrityError as error:  # the mark is the student's key: a second one cannot be written
        raise AlreadyAnswered from error
