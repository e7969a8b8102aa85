from django.apps import AppConfig


class StaffAuthConfig(AppConfig):
    name = "staffauth"
    verbose_name = "Staff sign-in"
