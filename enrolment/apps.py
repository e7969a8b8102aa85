from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = "Enrolment"

    def ready(self):
        from courses import places

        from . import content_signals, signals  # noqa: F401 - signals connects the receivers
        from .selectors import places_taken_expression

        # Courses lists runs with their places taken but sits below enrolment, which counts them.
        places.connect(places_taken_expression)
        # The enrolment rules make a new content version (page cache).
        content_signals.connect()
