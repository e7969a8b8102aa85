"""Every courses model a public page shows (course dates, course pages, the home page's next dates,
the prospectus, calendar files): saving or deleting one makes a new content version
(home/content_version.py), so the page cache serves no copy from before. Course pages themselves
are followed with every page (home/content_signals.py). Places taken are counted, not saved here:
enrolment.services.spaces tells the content version when a run fills or has room again."""

from home import content_version

from .models import CourseRun, Facilitator, Location, Session, Term, Topic


def connect() -> None:
    content_version.watch(CourseRun, Session, Location, Facilitator, Topic, Term)
