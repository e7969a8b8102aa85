"""The web addresses in an email. Each is absolute (the worker has no request), and each action
link is signed for one row (enrolment.links), so it works without a password.

In a batch, the addresses that differ per person are written as the provider's merge fields
(MergeLinks) and each person's real address goes in the message's merge data."""

from django.conf import settings
from django.urls import reverse

from enrolment.links import Purpose, link_path


def absolute(path: str) -> str:
    return path if path.startswith("http") else settings.SITE_URL + path


class Links:
    def __init__(self, student):
        self.student = student

    def my_courses(self) -> str:
        return absolute(reverse("enrolment:my_courses"))

    def stop_reminders(self) -> str:
        return absolute(link_path(Purpose.STOP_REMINDERS, self.student.pk))

    def sign_in(self) -> str:
        return absolute(link_path(Purpose.SIGN_IN, self.student.pk, nonce=self.student.link_nonce))

    def cancel(self, enrolment_id: int) -> str:
        return absolute(link_path(Purpose.CANCEL, enrolment_id))

    def leave(self, entry_id: int) -> str:
        return absolute(link_path(Purpose.LEAVE, entry_id))

    def accept(self, offer_id: int) -> str:
        return absolute(link_path(Purpose.ACCEPT, offer_id))

    def decline(self, offer_id: int) -> str:
        return absolute(link_path(Purpose.DECLINE, offer_id))

    def feedback(self, enrolment_id: int) -> str:
        return absolute(link_path(Purpose.FEEDBACK, enrolment_id))

    def enrol(self, run_id: int) -> str:
        return absolute(reverse("enrolment:enrol", args=[run_id]))

    @staticmethod
    def course(course_page) -> str:
        """The course's page, for other dates; the course list if it is no longer published."""
        url = course_page.get_url() if course_page and course_page.live else None
        return absolute(url or "/course-dates/")


class MergeLinks(Links):
    """For a batch of reminders: one body for everyone, with each person's own links filled in by
    the provider. Reminders only link to cancelling a place and stopping reminders."""

    def __init__(self, field_format: str):
        super().__init__(student=None)
        self.field_format = field_format

    def stop_reminders(self) -> str:
        return self.field_format.format("stop_url")

    def cancel(self, enrolment_id: int) -> str:
        return self.field_format.format("manage_url")

    def sign_in(self) -> str:
        raise NotImplementedError("Sign-in links are never sent in a batch.")
