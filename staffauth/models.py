"""Staff sign-in keeps no rows of its own (devices are django-otp's, failed sign-ins django-axes').
This model only carries the permission to reset someone else's two-factor sign-in, so a college
can give it to a group in Settings > Groups without making those people superusers."""

from django.db import models


class StaffSignIn(models.Model):
    class Meta:
        managed = False  # no table: a home for the permission below
        default_permissions = ()
        permissions = [("reset_two_factor", "Can reset another person's two-factor sign-in")]

    def __str__(self) -> str:
        return "Staff sign-in"
