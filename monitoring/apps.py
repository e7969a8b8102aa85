from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the Redis checks for `check --deploy`
