"""Dated offerings of a course. Plain Django models, not page content: enrolments point at runs,
so runs must never live in page revisions or vanish when a page is republished."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from .. import places


class CourseRunQuerySet(models.QuerySet):
    def with_dates(self):
        """Annotate first and last session dates and the first start time, without a GROUP BY
        (so other annotations and filters never multiply rows)."""
        sessions = Session.objects.filter(run=OuterRef("pk"))
        first = sessions.order_by("date", "start_time")
        return self.annotate(
            first_date=Subquery(first.values("date")[:1]),
            first_start_time=Subquery(first.values("start_time")[:1]),
            last_date=Subquery(sessions.order_by("-date").values("date")[:1]),
        )

    def with_places(self):
        """Annotate `places_taken`, by the booking side's rule (courses/places.py)."""
        return self.annotate(places_taken=places.places_taken())

    def scheduled(self):
        return self.filter(status=CourseRun.Status.SCHEDULED)

    def upcoming(self, today: dt.date | None = None):
        """Scheduled runs with a session still to come (today counts), soonest first."""
        today = today or timezone.localdate()
        return (
            self.scheduled()
            .with_dates()
            .filter(last_date__gte=today, course__live=True)
            .order_by("first_date", "first_start_time", "pk")
        )

    def for_listing(self):
        """Everything a list of runs shows, in a constant number of queries."""
        return self.with_places().select_related("course", "location", "term").prefetch_related("sessions")


class CourseRun(ClusterableModel):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        BLENDED = "blended", "Blended (in person and online)"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="runs")
    term = models.ForeignKey("courses.Term", on_delete=models.PROTECT, related_name="runs")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    location = models.ForeignKey(
        "courses.Location",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runs",
        help_text="Required unless the course is online only.",
    )
    online_joining_details = models.TextField(
        blank=True,
        help_text="Private: the video link and how to join. Only ever sent to confirmed students by "
        "email, never shown on a public page.",
    )
    capacity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(500)], help_text="How many students can enrol."
    )
    enrolment_opens = models.DateTimeField()
    enrolment_closes = models.DateTimeField(help_text="Usually shortly before the first session starts.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    facilitators = ParentalManyToManyField(
        "courses.Facilitator",
        related_name="runs",
        blank=True,
        help_text="At least one Expert by Experience and one Expert by Training.",
    )
    sessions_to_complete = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        verbose_name="sessions to attend to complete",
        help_text="How many sessions a student must attend to complete the course (and get a certificate "
        "of attendance, where the college gives them). Leave blank for half the sessions, rounded up.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseRunQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("course"), FieldPanel("term"), FieldPanel("status")], heading="Course"),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("location"), FieldPanel("online_joining_details")],
            heading="Where",
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldRowPanel([FieldPanel("enrolment_opens"), FieldPanel("enrolment_closes")])],
            heading="Enrolment",
        ),
        FieldPanel("sessions_to_complete"),
        # Tick boxes: in a multiple select a plain click on a second name drops the first, and
        # the co-delivery rule needs two people.
        FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
        InlinePanel("sessions", heading="Sessions", label="Session", min_num=1),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format="online") | Q(location__isnull=False),
                name="run_has_location_unless_online",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="run_capacity_positive"),
            models.CheckConstraint(
                condition=Q(enrolment_closes__gt=F("enrolment_opens")),
                name="run_enrolment_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        # Only the annotated date (see with_dates): a query per run would slow admin lists.
        first_date = getattr(self, "first_date", None)
        when = f" from {first_date:%-d %b %Y}" if first_date else ""
        return f"{self.course.title} ({self.term}){when}"

    @property
    def is_online(self) -> bool:
        return self.format == self.Format.ONLINE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @cached_property
    def session_list(self) -> list["Session"]:
        """The sessions in order; uses the prefetch from `for_listing()` when there is one."""
        return list(self.sessions.all())

    @property
    def first_session(self) -> "Session | None":
        return self.session_list[0] if self.session_list else None

    @property
    def last_session(self) -> "Session | None":
        return self.session_list[-1] if self.session_list else None

    @property
    def opens_later(self) -> bool:
        """Enrolment has not opened yet: the public see when it opens, not an Enrol button.
        A cancelled run says it is cancelled instead."""
        return not self.is_cancelled and timezone.now() < self.enrolment_opens

    @property
    def spaces_left(self) -> int:
        """Needs the `with_places()` annotation."""
        return max(self.capacity - self.places_taken, 0)

    def clean(self):
        errors = {}
        if self.format != self.Format.ONLINE and not self.location_id:
            errors["location"] = "Choose where this course meets, or set the format to Online."
        if self.enrolment_opens and self.enrolment_closes and self.enrolment_closes <= self.enrolment_opens:
            errors["enrolment_closes"] = "Enrolment must close after it opens."
        if errors:
            raise ValidationError(errors)


class Session(models.Model):
    run = ParentalKey(CourseRun, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    start_time = models.TimeField(help_text="UK time.")
    end_time = models.TimeField(help_text="UK time.")

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")])]

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="session_ends_after_it_starts")
        ]

    def __str__(self) -> str:
        return f"{self.date:%a %-d %b %Y}, {self.start_time:%H:%M} to {self.end_time:%H:%M}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "A session must end after it starts."})

    @property
    def starts_at(self) -> dt.datetime:
        """Aware datetime in the college's time zone (correct either side of a clock change)."""
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))
