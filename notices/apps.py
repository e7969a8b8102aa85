from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Emails and calls"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the ESP tracking receiver
