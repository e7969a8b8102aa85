"""How long the college keeps personal details: a Wagtail setting college admins change under
Settings. Read by privacy.retention, the nightly job that erases what is past its time."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="lock")
class RetentionSettings(BaseGenericSetting):
    # Lower limits stop a slip of the keyboard (0 days) erasing what facilitators need this week.
    support_needs_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        verbose_name="support needs and supporters' names: days kept after a course ends",
        help_text="A student's support needs, and the names of the carers or supporters who come with them, "
        "are deleted this many days after the last course they are on or waiting for has ended.",
    )
    inactive_student_years = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        verbose_name="students with no activity: years kept",
        help_text="A student who has not booked, waited, come to a course or been emailed for this many years "
        "has their details deleted, just as if they had asked us to. Their attendance still counts in "
        "reports, with no name.",
    )
    email_record_days = models.PositiveSmallIntegerField(
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        verbose_name="email records: days kept",
        help_text="After this many days, what changed, why an email failed and the email provider's reference "
        "are deleted from each email record. We still keep that the email was sent, and when.",
    )
    walk_in_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        verbose_name="walk-ins' contact details: days kept",
        help_text="The name, phone number and email of someone who came to a session without a place are "
        "deleted this many days after that session. They still count in attendance figures.",
    )
    staff_sign_in_days = models.PositiveSmallIntegerField(
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        verbose_name="staff sign-in records: days kept",
        help_text="Records of staff signing in to the admin (user name, internet address and browser) are "
        "deleted after this many days.",
    )

    panels = [
        FieldPanel("support_needs_days"),
        FieldPanel("inactive_student_years"),
        FieldPanel("email_record_days"),
        FieldPanel("walk_in_days"),
        FieldPanel("staff_sign_in_days"),
    ]

    class Meta:
        verbose_name = "keeping personal data"
