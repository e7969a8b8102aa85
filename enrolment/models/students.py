"""The people who enrol. Which courses someone is on is health information: only staff see it."""

from django.conf import settings
from django.db import models


class Student(models.Model):
    class JoiningAs(models.TextChoices):
        LIVED_EXPERIENCE = "lived_experience", "Someone with lived experience"
        CARER = "carer", "A carer or supporter"
        STAFF = "staff", "A staff member"
        OTHER = "other", "Other"

    class ContactBy(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        POST = "post", "Post"

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(
        null=True,
        blank=True,
        unique=True,
        help_text="Lower-case, no spaces (see enrolment.services.normalise_email). Blank when they have none.",
    )
    phone = models.CharField(max_length=30, blank=True)
    postal_address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    confirmed_adult = models.BooleanField(default=False, help_text="Told us they are 18 or over.")
    joining_as = models.CharField(max_length=20, choices=JoiningAs.choices, blank=True)
    support_needs = models.TextField(
        blank=True, help_text="Private: seen only by staff and the facilitators of their courses."
    )
    heard_about = models.CharField(max_length=200, blank=True)
    contact_by = models.CharField(max_length=10, choices=ContactBy.choices, default=ContactBy.EMAIL)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_how = models.CharField(max_length=20, blank=True, help_text="online, phone, paper or in person")
    link_nonce = models.CharField(
        max_length=32, blank=True, help_text="Changes each time a sign-in link is used, so each works once."
    )
    reminders_off = models.BooleanField(
        default=False, help_text="They asked for no reminder emails. Booking emails still go."
    )
    email_undeliverable_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Their email bounced or was marked as spam: nothing is emailed until staff clear this.",
    )
    email_problem = models.CharField(max_length=200, blank=True)
    forgotten_at = models.DateTimeField(
        null=True, blank=True, help_text="They asked us to delete their data: personal details were erased then."
    )
    # A safeguarding or legal hold: while there is a reason here, nobody (staff, the student, the
    # retention job) can erase them. Set and lifted only by college admins (hold_erasure_student).
    erasure_hold_reason = models.CharField(
        "hold on deleting their details",
        max_length=200,
        blank=True,
        help_text="Why their details must be kept for now. No personal details.",
    )
    erasure_hold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erasure_hold_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Nothing of Wagtail's content points at a student, so the reference index has nothing to
    # learn here; without this the foreign key above makes every new student cost two more
    # queries at enrolment (tests/test_join_cost.py).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["last_name", "first_name"]
        permissions = [("hold_erasure_student", "Can put a hold on deleting a student's details")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def has_email(self) -> bool:
        return bool(self.email)

    @property
    def can_be_emailed(self) -> bool:
        """An address that has not bounced or complained."""
        return self.has_email and not self.email_undeliverable_at
