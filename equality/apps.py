from django.apps import AppConfig


class EqualityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "equality"
    verbose_name = "Equality monitoring"

    def ready(self):
        from home import content_version

        from .models import EqualitySettings

        # Read on the thank-you page and My courses: followed like the other settings, so the
        # site cache preloads it with them (home/site_cache.py) instead of a query a page.
        content_version.watch(EqualitySettings)
