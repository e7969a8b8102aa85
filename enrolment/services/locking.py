"""The one lock every change to a run's places takes.

`lock_run` MUST be called inside `transaction.atomic()`. On PostgreSQL it takes a row lock on the
run (SELECT ... FOR UPDATE), so enrolments, cancellations and offers on one run happen one at a
time; on SQLite the settings open every transaction with BEGIN IMMEDIATE, which already holds the
database's write lock. We always lock: no time window is trusted."""

from courses.models import CourseRun

# Only the concurrency test turns this off, to show that without the lock places are overbooked.
LOCKING_ENABLED = True


def lock_run(run_id: int) -> CourseRun:
    """Read the run under a row lock held to the end of the caller's transaction: every change to a
    run's places goes through here, so two changes to one run take turns."""
    runs = CourseRun.objects.select_related("course")
    if LOCKING_ENABLED:
        runs = runs.select_for_update(of=("self",))
    run = runs.get(pk=run_id)
    race_window()
    return run


def race_window() -> None:
    """A seam between reading a run and deciding about its places; tests put a delay here."""
