"""Who holds or waits for a place on a run. Rows here change only through enrolment.services.

A run's places are taken by confirmed enrolments and by live offers (a place held for someone
from the waiting list). A student with a supporter takes two places, always together."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

PARTY_SIZE = [MinValueValidator(1), MaxValueValidator(2)]


class Source(models.TextChoices):
    ONLINE = "online", "Online"
    PHONE = "phone", "Phone"
    PAPER = "paper", "Paper form"
    IN_PERSON = "in_person", "In person"


class EnrolmentQuerySet(models.QuerySet):
    def holding_places(self):
        return self.filter(status=Enrolment.Status.CONFIRMED)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    run = models.ForeignKey("courses.CourseRun", on_delete=models.PROTECT, related_name="enrolments")
    student = models.ForeignKey("enrolment.Student", on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    places = models.PositiveSmallIntegerField(
        default=1, validators=PARTY_SIZE, help_text="2 when they bring a carer or supporter."
    )
    supporter_name = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    over_capacity = models.BooleanField(default=False, help_text="Added by staff beyond the run's capacity.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set in the transaction that owes the feedback email, so the five-minute sweep passes over
    # people already asked instead of asking the ledger again for each of them for a week. The
    # ledger's key still makes the email go once; this only saves the work.
    feedback_asked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "student"], condition=Q(status="confirmed"), name="one_live_enrolment_per_run"
            ),
            models.CheckConstraint(condition=Q(places__gte=1, places__lte=2), name="enrolment_party_of_one_or_two"),
        ]

    def __str__(self) -> str:
        return f"{self.student} on run {self.run_id} ({self.get_status_display()})"


class WaitlistEntryQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=WaitlistEntry.Status.WAITING)

    def in_queue_order(self):
        return self.order_by("queue_key", "pk")


class WaitlistEntry(models.Model):
    """Someone waiting for a run (`run` set) or for the next suitable run of a course (`run` empty:
    'any date', limited to online and/or the chosen venues)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered a place"
        ENROLLED = "enrolled", "Enrolled"
        LEFT = "left", "Left the waiting list"
        DECLINED = "declined", "Declined an offer"
        EXPIRED = "expired", "Offer ran out"
        CANCELLED = "cancelled", "Course cancelled"

    LIVE = (Status.WAITING, Status.OFFERED)

    student = models.ForeignKey("enrolment.Student", on_delete=models.PROTECT, related_name="waitlist_entries")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(
        "courses.CourseRun",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="waitlist_entries",
        help_text="Empty: any run of the course that suits.",
    )
    online_ok = models.BooleanField(default=True, help_text="Any date: an online run suits them.")
    locations = models.ManyToManyField(
        "courses.Location", blank=True, related_name="+", help_text="Any date: venues that suit them."
    )
    places = models.PositiveSmallIntegerField(default=1, validators=PARTY_SIZE)
    supporter_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    queue_key = models.DateTimeField(help_text="Order in the queue: when they joined, unless staff moved them up.")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WaitlistEntryQuerySet.as_manager()

    class Meta:
        ordering = ["queue_key", "pk"]
        verbose_name_plural = "waitlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["student", "run"], condition=Q(status__in=["waiting", "offered"]), name="one_live_wait_per_run"
            ),
            models.UniqueConstraint(
                fields=["student", "course"],
                condition=Q(status__in=["waiting", "offered"], run__isnull=True),
                name="one_live_any_date_wait_per_course",
            ),
            models.CheckConstraint(condition=Q(places__gte=1, places__lte=2), name="wait_party_of_one_or_two"),
        ]
        # The queue is read by position (COUNT of those ahead) and "who is next" (first that
        # fits), never whole, so joining costs the same however many wait (services/queue.py).
        indexes = [
            models.Index(fields=["run", "queue_key", "id"], condition=Q(status="waiting"), name="waiting_for_run"),
            models.Index(
                fields=["course", "queue_key", "id"],
                condition=Q(status="waiting", run__isnull=True),
                name="waiting_for_any_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} waiting for {'run ' + str(self.run_id) if self.run_id else 'any date'}"

    @property
    def is_any_date(self) -> bool:
        return self.run_id is None


class OfferQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status=Offer.Status.LIVE)


class Offer(models.Model):
    class Status(models.TextChoices):
        LIVE = "live", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Ran out"
        WITHDRAWN = "withdrawn", "Withdrawn: course cancelled"

    entry = models.ForeignKey(WaitlistEntry, on_delete=models.PROTECT, related_name="offers")
    run = models.ForeignKey("courses.CourseRun", on_delete=models.PROTECT, related_name="offers")
    places = models.PositiveSmallIntegerField(validators=PARTY_SIZE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LIVE)
    by_phone = models.BooleanField(default=False, help_text="No email: staff phone them about this offer.")
    offered_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When 'offer ending soon' was sent.")

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["offered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry"], condition=Q(status="live"), name="one_live_offer_per_entry"),
        ]

    def __str__(self) -> str:
        return f"Offer of run {self.run_id} to {self.entry.student} ({self.get_status_display()})"
