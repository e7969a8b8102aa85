"""What the run's register shows about completion: the run's rule ("To complete: attend 3 of 6
sessions") and, once the last session is over, who completed, with a link to each certificate
of attendance where the college gives them. The rule itself is in enrolment.selectors."""

import datetime as dt
from dataclasses import dataclass

from courses.models import CourseRun
from enrolment.models import Enrolment
from enrolment.selectors import certificate_ids, completed_enrolment_ids, has_ended, sessions_needed


@dataclass(frozen=True)
class Completion:
    needed: int
    sessions: int
    ended: bool  # until then nobody has completed or not completed; never, for a cancelled run


def add_completion(run: CourseRun, enrolments: list[Enrolment], *, now: dt.datetime) -> Completion:
    """Give each enrolment `completed` (None until the run has ended, then True or False) and
    `certificate` (whether staff can download one), and say what the run's rule is."""
    # A run the college cancelled completes nobody: saying "Not completed" of everyone would be unkind.
    ended = has_ended(run, now=now) and not run.is_cancelled
    completed = completed_enrolment_ids(run, now=now) if ended else set()
    with_certificate = certificate_ids([e for e in enrolments if e.pk in completed], now=now) if completed else set()
    for enrolment in enrolments:
        enrolment.completed = (enrolment.pk in completed) if ended else None
        enrolment.certificate = enrolment.pk in with_certificate
    return Completion(needed=sessions_needed(run), sessions=len(run.session_list), ended=ended)
