from django.apps import AppConfig


class EqualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "equality"
    verbose_name = "Equality monitoring"
