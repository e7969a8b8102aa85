"""What a student would notice about a change to a run: its sessions' dates and times, or where
it meets. Used to tell the people enrolled and waiting (enrolment.services.tell_run_changed)."""

from dataclasses import dataclass

from home.templatetags.site_tags import nhs_time

from .models import CourseRun


@dataclass(frozen=True)
class RunSnapshot:
    sessions: tuple[str, ...]
    where: str


def snapshot(run_id: int) -> RunSnapshot | None:
    run = CourseRun.objects.select_related("location").filter(pk=run_id).first()
    if run is None:
        return None
    sessions = tuple(_when(session) for session in run.sessions.order_by("date", "start_time"))
    where = "online" if run.is_online else (run.location.name if run.location else "")
    if run.format == CourseRun.Format.BLENDED:
        where += " and online"
    return RunSnapshot(sessions, where)


def what_changed(before: RunSnapshot | None, after: RunSnapshot | None) -> str:
    """Plain sentences, or "" when nothing a student would notice changed."""
    if before is None or after is None:
        return ""
    lines = []
    if before.where != after.where:
        lines.append(f"The course now meets {_place(after.where)} (it was {_place(before.where)}).")
    dropped = [when for when in before.sessions if when not in after.sessions]
    added = [when for when in after.sessions if when not in before.sessions]
    if dropped:
        lines.append("No longer happening: " + "; ".join(dropped) + ".")
    if added:
        lines.append("New date or time: " + "; ".join(added) + ".")
    return "\n".join(lines)


def _when(session) -> str:
    return f"{session.date:%A %-d %B %Y}, {nhs_time(session.start_time)} to {nhs_time(session.end_time)}"


def _place(where: str) -> str:
    return where if where.startswith("online") else f"at {where}"
