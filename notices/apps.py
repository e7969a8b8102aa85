from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Emails and calls"

    def ready(self):
        from enrolment.services.forgetting import connect_eraser
        from enrolment.services.records import connect_ledger

        from . import receivers  # noqa: F401 - connects the ESP tracking receiver
        from .erasure import erase_notices_of
        from .ledger import owe

        # Enrolment owes students messages through this one port; it never imports notices.
        connect_ledger(owe)
        # Erasing a student blanks the words the ledger keeps about them, the same way round.
        connect_eraser(erase_notices_of)
