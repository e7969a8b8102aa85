"""The enrolment rules (EnrolmentSettings): saving them makes a new content version
(home/content_version.py). No public page shows them today, but they are about who may join and
what they get, which course pages are likely to come to say; staff save them a few times a year,
so following them costs nothing. Places taken are told by services/spaces.py."""

from home import content_version

from .models import EnrolmentSettings


def connect() -> None:
    content_version.watch(EnrolmentSettings)
