from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="list-ul")
class EnrolmentSettings(BaseGenericSetting):
    """How the college hands out freed places. Read by enrolment.services only."""

    automatic_confirmation = models.BooleanField(
        default=False,
        help_text="On: a freed place goes straight to the next person waiting, who is told they are "
        "enrolled. Off: they are offered it and have a while to accept.",
    )
    offer_hold_hours = models.PositiveSmallIntegerField(
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(336)],
        help_text="How long an offered place is held. Shorter when the next session starts sooner.",
    )
    offer_reminder_hours = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text="Remind someone this long before their offered place runs out (halfway through a shorter hold).",
    )
    last_joining_session = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1)],
        help_text="Nobody new joins once this session has started (2: people can still join "
        "after missing the first session, until the second starts).",
    )

    certificates = models.BooleanField(
        default=False,
        verbose_name="certificates of attendance",
        help_text="On: a student who completes a course (attends the sessions its completion rule asks) can "
        "download a certificate of attendance from My courses, and staff can download it from the register.",
    )

    panels = [
        FieldPanel("automatic_confirmation"),
        FieldPanel("offer_hold_hours"),
        FieldPanel("offer_reminder_hours"),
        FieldPanel("last_joining_session"),
        FieldPanel("certificates"),
    ]

    class Meta:
        verbose_name = "enrolment rules"
