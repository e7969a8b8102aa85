"""The ledger of everything a student must be told, and the college's settings for it.

One `Notice` row per message owed: written in the same transaction as the change that causes it
(or by the reminder sweep), then claimed, sent and marked by a worker. Its unique `key` is what
makes "exactly once" hold: a second attempt to owe the same message finds the row already there."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import PreviewableMixin

from .kinds import Kind


class NoticeQuerySet(models.QuerySet):
    def to_call(self):
        return self.filter(status=Notice.Status.TO_CALL)

    def failed(self):
        return self.filter(status=Notice.Status.FAILED)


class Notice(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"
        SKIPPED = "skipped", "Not needed any more"
        TO_CALL = "to_call", "To phone"
        CALLED = "called", "Phoned"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"

    key = models.CharField(
        max_length=120, unique=True, help_text="What this message is about; one row per key, so never sent twice."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    student = models.ForeignKey("enrolment.Student", on_delete=models.PROTECT, related_name="notices")
    run = models.ForeignKey("courses.CourseRun", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        "courses.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The session a reminder is for.",
    )
    subject_id = models.BigIntegerField(
        null=True, blank=True, help_text="The enrolment, waiting list entry or offer it is about."
    )
    details = models.TextField(blank=True, help_text="What changed, for 'course changed' messages.")
    created_at = models.DateTimeField()
    due_at = models.DateTimeField(help_text="Not sent before this; moved on after a temporary failure.")
    queued_at = models.DateTimeField(null=True, blank=True, help_text="Last handed to the email queue.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True, help_text="The email provider's id for it.")
    problem = models.CharField(max_length=300, blank=True, help_text="Why it failed or was skipped.")
    handled_by = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who phoned them, or asked for it to be sent again.",
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The sweep's two questions: what is due to send, and what has been sending too long.
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="notice_pending_due"),
            models.Index(fields=["claimed_at"], condition=Q(status="sending"), name="notice_sending_since"),
            models.Index(fields=["status", "kind"], name="notice_status_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.student} ({self.get_status_display()})"


@register_setting(icon="mail")
class ReminderSettings(BaseGenericSetting):
    """When reminders go out. Times are UK wall-clock: 'one day before' a 10am session is 10am the
    day before, whether or not the clocks changed in between."""

    first_session_days_before = models.PositiveSmallIntegerField(
        default=7,
        validators=[MaxValueValidator(28)],
        help_text="Remind everyone this many days before a course starts (0: no such reminder).",
    )
    every_session_days_before = models.PositiveSmallIntegerField(
        default=1,
        validators=[MaxValueValidator(7)],
        help_text="Remind everyone this many days before every session (0: no such reminder).",
    )
    send_reminders = models.BooleanField(
        default=True, help_text="Off: no reminders at all, for example while the college is closed."
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Tries before an email is shown to staff as failed (waits grow from 1 minute to 6 hours).",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("send_reminders"),
                FieldPanel("first_session_days_before"),
                FieldPanel("every_session_days_before"),
            ],
            heading="Reminders",
        ),
        FieldPanel("max_attempts"),
    ]

    class Meta:
        verbose_name = "email reminders"


class Wording(PreviewableMixin, models.Model):
    """Staff's own words for one kind of email. Without a row, the defaults in notices/wording.py
    are used, so an email can never go out blank. The admin's live preview shows the real email
    layout with made-up details (notices.content.samples)."""

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    subject = models.CharField(max_length=120)
    preview = models.CharField(
        max_length=150, blank=True, help_text="The line phones show under the subject, on the lock screen too."
    )
    body = models.TextField(help_text="Leave a blank line between paragraphs. Placeholders in {curly brackets}.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = "email wording"
        verbose_name_plural = "email wording"

    def __str__(self) -> str:
        return self.get_kind_display()

    def get_preview_template(self, request, mode_name):
        return "notices/preview/email.html"


class AddressChecked(models.Model):
    """When staff last said a student's address works ("Address checked", or a new address typed
    in). The provider's events from before then are about the old problem, and are ignored."""

    student = models.OneToOneField("enrolment.Student", on_delete=models.CASCADE, related_name="+")
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = "address checked by staff"
        verbose_name_plural = "addresses checked by staff"

    def __str__(self) -> str:
        return f"Address checked {self.checked_at:%d %B %Y %H:%M}"


class AppliedTrackingEvent(models.Model):
    """An event from the provider's tracking webhook that we acted on. Only a digest is kept (no
    address), so a provider retrying it, or someone replaying it, changes nothing more."""

    digest = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the provider, its event id and the address."
    )
    applied_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Tracking event applied {self.applied_at:%d %B %Y %H:%M}"
