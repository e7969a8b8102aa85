"""What the production smoke tests share: made-up students whose every detail is unique (so a log
line carrying one is found), the two bookable runs they use, enrolling over HTTP, where a request
landed, and one report of every problem a test met."""

import random
import secrets
import string
from urllib.parse import urlsplit

from .http import Person

ADMIN_LOGIN = "/admin/login/"


def problems_report(what: str, problems: list[str]) -> str:
    shown = problems[:40]
    more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    return f"{what}: {len(problems)} problem(s)\n- " + "\n- ".join(shown) + more


def random_word(length: int = 9) -> str:
    return "".join(random.choices(string.ascii_lowercase, k=length)).capitalize()


class Student:
    """A made-up student whose every detail is unique, so a log line carrying one is found."""

    def __init__(self, tag: str = "smoke"):
        self.first_name = random_word()
        self.last_name = random_word(11)
        self.email = f"{tag}.{secrets.token_hex(5)}@example.test"
        self.phone = "07700900" + "".join(random.choices(string.digits, k=3))
        self.postcode = "OX49 5NU"
        self.support_needs = f"A quiet seat by the door, and {random_word()} {random_word()} notes"

    def form(self) -> dict:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "adult": "yes",
            "postcode": self.postcode,
            "joining_as": "lived_experience",
            "support_needs": self.support_needs,
            "heard_about": "",
            "contact_by": "email",
            "consent": "on",
            "website": "",
        }

    def private(self) -> list[str]:
        return [
            self.first_name,
            self.last_name,
            self.email,
            self.phone,
            self.postcode,
            self.postcode.replace(" ", ""),
            self.support_needs,
        ]


def runs(stack) -> dict:
    """Two bookable runs that have not started (so late-joining rules stay out of it): the one with
    the most spaces for single enrolments, and one with few spaces for the concurrent posts."""
    if "runs" not in stack.__dict__:
        listing = stack.shell_json(
            """
import json
from django.utils import timezone
from courses.models import CourseRun
from enrolment.selectors import open_for_enrolment
today = timezone.localdate()
runs = open_for_enrolment(CourseRun.objects.upcoming().with_places().filter(first_date__gt=today), now=timezone.now())
print(json.dumps([{"id": r.pk, "title": r.course.title, "url": r.course.url, "spaces": r.spaces_left,
                   "capacity": r.capacity} for r in runs if r.spaces_left > 0]))
""",
            "pick-runs",
        )
        assert len(listing) >= 2, f"The demo college has fewer than two bookable runs: {listing}"
        single = max(listing, key=lambda run: run["spaces"])
        others = [run for run in listing if run["id"] != single["id"]]
        few = min(others, key=lambda run: (run["spaces"] < 3, run["spaces"]))
        stack.runs = {"single": single, "concurrent": few}
    return stack.runs


def enrol(person: Person, run: dict, student: Student):
    return person.submit(f"/enrol/{run['id']}/", student.form())


def landed(response, path_prefix: str) -> bool:
    return (
        response.status_code == 200
        and bool(response.hops)
        and urlsplit(response.hops[-1].headers["Location"]).path.startswith(path_prefix)
    )
