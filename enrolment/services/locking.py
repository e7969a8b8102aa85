"""The one lock every change to a run's places takes.

`lock_run` MUST be called inside `transaction.atomic()`. On PostgreSQL it takes a row lock on the
run (SELECT ... FOR UPDATE), so enrolments, cancellations and offers on one run happen one at a
time; on SQLite the settings open every transaction with BEGIN IMMEDIATE, which already holds the
database's write lock. We always lock: no time window is trusted."""

from courses.models import CourseRun

# Only the concurrency test turns this off, to show that without the lock places are overbooked.
LOCKING_ENABLED = True


def lock_run(run_id: int, *, known: CourseRun | None = None) -> CourseRun:
    """Read the run under a row lock held to the end of the caller's transaction: every change to a
    run's places goes through here, so two changes to one run take turns.

    `known` is the same run read moments before in this request, with its course and its sessions
    and facilitators prefetched: only the run's own row (status, capacity, enrolment window) is
    read again, and those are taken from it. They are not places, and change only when staff edit
    the course, so the lock is taken sooner and held for less. Places are never taken from it:
    callers count them after the lock."""
    reuse = known is not None and known.pk == run_id
    runs = CourseRun.objects.all() if reuse else CourseRun.objects.select_related("course")
    if LOCKING_ENABLED:
        runs = runs.select_for_update(of=("self",))
    run = runs.get(pk=run_id)
    if reuse and run.course_id == known.course_id:
        run.course = known.course
        run._prefetched_objects_cache = dict(getattr(known, "_prefetched_objects_cache", {}))
    race_window()
    return run


def race_window() -> None:
    """A seam between reading a run and deciding about its places; tests put a delay here."""
