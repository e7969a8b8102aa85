"""What the browser tests do as a person: pick a run from the demo, fill the enrolment form, and
read an email the college sent them."""

from dataclasses import dataclass

from django.core import mail
from django.utils import timezone

from courses.models import CourseRun
from enrolment.selectors import open_for_enrolment


@dataclass
class Person:
    first_name: str
    last_name: str
    email: str


def run_with_one_space_left() -> CourseRun:
    """An upcoming in-person run from the demo, made to have exactly one space left, so the next
    person to enrol fills it and the one after waits."""
    runs = CourseRun.objects.upcoming().with_places().select_related("location").order_by("pk")
    run = next(run for run in open_for_enrolment(runs, now=timezone.now()) if run.location_id and run.spaces_left > 1)
    CourseRun.objects.filter(pk=run.pk).update(capacity=run.places_taken + 1)
    return CourseRun.objects.with_places().select_related("course", "location").get(pk=run.pk)


def fill_enrolment_form(page, person: Person) -> None:
    page.get_by_label("First name").fill(person.first_name)
    page.get_by_label("Last name").fill(person.last_name)
    page.get_by_label("Email address").fill(person.email)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("radio", name="Someone with lived experience").check()
    page.get_by_role("checkbox", name="I agree to the college keeping my details").check()


def submit(page) -> None:
    """The page's own form's button: a bare submit-button selector would also find the search
    button in the header."""
    page.locator("main form[method=post] button").click()


def email_to(address: str, subject_has: str = ""):
    found = [message for message in mail.outbox if address in message.to and subject_has in message.subject]
    assert found, f"no email to {address} about {subject_has!r}: {[m.subject for m in mail.outbox]}"
    return found[-1]


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def read_email(page, message) -> None:
    """Show the email's HTML in the browser, as a mail app would, so its links can be followed."""
    page.set_content(html_of(message))
