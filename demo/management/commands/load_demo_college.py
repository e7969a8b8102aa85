"""`manage.py load_demo_college`: build the demo Recovery College (see demo/builder.py)."""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.builder import admin_has_demo_password, build_demo_college, totals
from demo.content import college
from demo.records import DemoConflict

REFUSAL = (
    "The demo college creates an admin user with a published password ('{password}'), so it only "
    "runs with DEBUG on. If this really is a throwaway copy of the site, run it again with --force."
)


class Command(BaseCommand):
    help = (
        "Build a demo Oxfordshire Recovery College: pages, venues, facilitators, courses and "
        "course runs dated from today. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. It creates an admin user with a known password.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSAL.format(password=college.ADMIN_PASSWORD))
        try:
            with quiet_wagtail(options["verbosity"]):
                created = build_demo_college()
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        self.report(created)

    def report(self, created) -> None:
        self.stdout.write(self.style.SUCCESS(f"{college.NAME}: demo ready."))
        if created:
            self.stdout.write(f"Added: {listing(created)}.")
        else:
            self.stdout.write("Nothing to add: the demo was already built.")
        self.stdout.write(f"Now holds: {listing(totals())}.")
        # An admin user made by someone else keeps its password, so do not claim to know it.
        password = college.ADMIN_PASSWORD if admin_has_demo_password() else "(left as it was)"
        self.stdout.write(
            f"Admin: {settings.SITE_URL}/admin/  username: {college.ADMIN_USERNAME}  password: {password}"
        )


def listing(counts) -> str:
    return ", ".join(f"{label}: {count}" for label, count in counts.items())


@contextmanager
def quiet_wagtail(verbosity: int):
    """Wagtail logs three lines per page it creates; at normal verbosity show only our summary."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    if verbosity < 2:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
