from .pages import CourseIndexPage, CoursePage
from .runs import CourseRun, CourseRunQuerySet, Session
from .snippets import Facilitator, Location, Term, Topic

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "CourseRun",
    "CourseRunQuerySet",
    "Facilitator",
    "Location",
    "Session",
    "Term",
    "Topic",
]
