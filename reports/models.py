"""Reports keep no rows of their own: every figure is counted from enrolment's records when asked.
This model only carries the permission to see them, so a college can give it to a group (the
coordinator role has it) without giving the rest of the admin."""

from django.db import models


class Report(models.Model):
    class Meta:
        managed = False  # no table: a home for the permission below
        default_permissions = ()
        permissions = [("view_reports", "Can see and download the reports for commissioners")]

    def __str__(self) -> str:
        return "Reports for commissioners"
