from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site pages and settings"

    def ready(self):
        from . import content_signals

        # Publishing, settings and Wagtail's own sites make a new content version (page cache).
        content_signals.connect()
