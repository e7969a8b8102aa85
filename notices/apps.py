from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Emails and calls"

    def ready(self):
        from enrolment.services.records import connect_ledger

        from . import receivers  # noqa: F401 - connects the ESP tracking receiver
        from .ledger import owe

        # Enrolment owes students messages through this one port; it never imports notices.
        connect_ledger(owe)
