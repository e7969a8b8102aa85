"""Things staff manage as Wagtail snippets: where courses happen, who delivers them, how they are
grouped. Registered with the admin in `courses/wagtail_hooks.py`."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

# Wagtail's Users screens need this to edit a user; linking an account to a facilitator needs it too.
MANAGE_USERS_PERMISSION = "auth.change_user"
FACT_HELP = "Leave as 'Unknown' rather than guess: students plan their journey on this."


class Location(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        HUB = "hub", "Hub (the college's main base)"
        SPOKE = "spoke", "Spoke (a pop-up venue)"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in web addresses and filters.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SPOKE)
    address = models.TextField(help_text="Street address, one part per line, without the postcode.")
    postcode = models.CharField(max_length=10)
    latitude = models.FloatField(
        null=True, blank=True, help_text="Used to list courses by distance. Leave blank if unsure."
    )
    longitude = models.FloatField(null=True, blank=True)
    step_free_access = models.BooleanField(null=True, blank=True, help_text=FACT_HELP)
    hearing_loop = models.BooleanField(null=True, blank=True, help_text=FACT_HELP)
    accessible_toilet = models.BooleanField(null=True, blank=True, help_text=FACT_HELP)
    parking = models.CharField(
        max_length=255, blank=True, help_text="For example: 'Two blue badge spaces at the front.'"
    )
    public_transport = models.CharField(
        max_length=255, blank=True, help_text="For example: 'Bus 5 stops outside. Station 10 minutes walk.'"
    )
    notes = models.TextField(blank=True, help_text="Anything else a student should know: which door, where to wait.")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Where it is",
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessible_toilet"),
                FieldPanel("parking"),
                FieldPanel("public_transport"),
                FieldPanel("notes"),
            ],
            heading="Getting there and access",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("postcode")]

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Facilitator(index.Indexed, models.Model):
    class Expertise(models.TextChoices):
        EXPERIENCE = "experience", "Expert by Experience"
        TRAINING = "training", "Expert by Training"

    name = models.CharField(max_length=120)
    expertise = models.CharField(
        max_length=12,
        choices=Expertise.choices,
        help_text="Expert by Experience: lived experience of mental ill-health. "
        "Expert by Training: a professional background in the subject.",
    )
    bio = models.TextField(blank=True, max_length=600, help_text="A few friendly sentences, shown on course pages.")
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_email = models.EmailField(
        blank=True, help_text="For staff only. Never shown on the public site or sent to students."
    )
    # Who may see which registers hangs on this link (enrolment/admin/permissions.py), so only
    # people who may manage users see the field: a content editor cannot link themselves.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitator",
        verbose_name="Staff account",
        help_text="The staff account this facilitator signs in with. They then see the registers of the runs "
        "they facilitate, and nothing else.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("expertise"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("contact_email"),
        FieldPanel("user", permission=MANAGE_USERS_PERMISSION),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("expertise")]

    class Meta:
        ordering = ["name"]
        # Given to the Facilitator role (staffauth/roles.py): with a linked account, the registers
        # of their own runs, and nothing else.
        permissions = [("take_own_registers", "Can see and take the registers of the runs they facilitate")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_expertise_display()})"


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in web addresses and filters.")
    description = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    name = models.CharField(max_length=60, unique=True, help_text="For example: 'Spring 2027'.")
    slug = models.SlugField(max_length=60, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="term_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return self.name
