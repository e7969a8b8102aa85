from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from . import content_signals

        # Runs, sessions and snippets make a new content version (page cache).
        content_signals.connect()
