from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = "Enrolment"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
