"""When reminders are due: the college's reminder settings as rules, and the UK wall-clock time
each is due before a session ('one day before' a 10:00 session is 10:00 the day before, also
across a clock change). Pure reads, used by the sweep that owes them (reminders.py) and by the
emails that mention them (content/facts.py)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from courses.models import Session

from .kinds import Kind
from .models import ReminderSettings


@dataclass(frozen=True)
class Rule:
    kind: str
    days_before: int
    first_session_only: bool


def rules(config: ReminderSettings | None = None) -> list[Rule]:
    """The reminders the college has switched on, as rules."""
    config = config or ReminderSettings.load()
    if not config.send_reminders:
        return []
    found = []
    if config.first_session_days_before:
        found.append(Rule(Kind.REMINDER_FIRST, config.first_session_days_before, True))
    if config.every_session_days_before:
        found.append(Rule(Kind.REMINDER_SESSION, config.every_session_days_before, False))
    return found


def due_at(session: Session, rule: Rule) -> dt.datetime:
    """When `rule`'s reminder for `session` is due, as UK wall-clock time."""
    wall_clock = dt.datetime.combine(session.date - dt.timedelta(days=rule.days_before), session.start_time)
    return timezone.make_aware(wall_clock)


def rules_for(*, is_first: bool, all_rules: list[Rule]) -> list[Rule]:
    """The rules that apply to a session: the first-session rule only to the first."""
    return [rule for rule in all_rules if is_first or not rule.first_session_only]


def is_last_reminder(kind: str, session: Session, *, is_first: bool) -> bool:
    """The last reminder before a session carries the online joining details."""
    applying = rules_for(is_first=is_first, all_rules=rules())
    return bool(applying) and min(applying, key=lambda rule: rule.days_before).kind == kind


def last_reminder_due(session: Session, *, is_first: bool) -> dt.datetime | None:
    """When the last reminder before this session is due, or None when none is sent."""
    applying = rules_for(is_first=is_first, all_rules=rules())
    return max((due_at(session, rule) for rule in applying), default=None)
