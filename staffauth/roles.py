"""The staff roles: which Wagtail groups exist and what each may do. One table, read by the data
migration that makes the groups (staffauth/migrations/0002_roles.py), by tests/test_roles.py and
by docs/roles.md, so the three cannot drift apart.

Plain data only (permission names as "app_label.codename" strings): a migration must not import
today's models, and staffauth sits below every other app. Which runs a member of staff may see
follows from these permissions in one place: enrolment/admin/permissions.py (runs_visible_to).

Changing a role later needs a new data migration that applies the changed rows (migrations that
have run do not run again); the groups can also be changed by hand in Settings > Groups."""

from dataclasses import dataclass, field

# Permissions on pages, granted on the root page so they cover the whole site (Wagtail's page tree).
PAGE_EDITING = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EVERY_PAGE_PERMISSION = [*PAGE_EDITING, "bulk_delete_page"]

# Permissions on images and documents, granted on the root collection so they cover every one.
IMAGES_AND_DOCUMENTS = [
    f"{app}.{action}_{model}"
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose", "delete")
]

# Course set-up snippets (courses/wagtail_hooks.py): places, people, topics and terms.
COURSE_SET_UP = ["location", "facilitator", "topic", "term"]


def model_permissions(app_label: str, model: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]


@dataclass(frozen=True)
class Role:
    name: str  # the group's name in Settings > Groups
    why: str  # one sentence for docs/roles.md
    # Every permission of these apps, whatever models they gain later (when a migration runs).
    apps: list[str] = field(default_factory=list)
    permissions: list[str] = field(default_factory=list)  # "app_label.codename"
    page_permissions: list[str] = field(default_factory=list)  # codenames, on the root page
    collection_permissions: list[str] = field(default_factory=list)  # "app_label.codename", root collection


ADMIN_ACCESS = "wagtailadmin.access_admin"

ROLES = [
    # A group rather than superuser status: what it holds is listed here and in Settings > Groups,
    # and a college can take a part away without handing out "everything, for ever".
    Role(
        name="College admin",
        why="Everything: people's records, courses, pages, settings, and who may sign in with which role.",
        apps=[
            "courses",
            "enrolment",
            "notices",
            "reports",
            "staffauth",  # reset another person's two-factor sign-in
            "home",  # the college's settings
            "privacy",  # how long personal data is kept (RetentionSettings)
            "equality",  # whether to ask the optional equality questions (EqualitySettings)
            "auth",  # users and groups
            "wagtailcore",  # sites, collections, workflows, locales
            "wagtailredirects",
            "wagtailnhsukfrontendsettings",  # the site's header and footer settings
        ],
        permissions=[ADMIN_ACCESS],
        page_permissions=EVERY_PAGE_PERMISSION,
        collection_permissions=IMAGES_AND_DOCUMENTS,
    ),
    # Runs the term: people, places, waiting lists, the follow-ups and the figures. No users or
    # groups (they cannot give themselves more), no page editing (content editors do that: a
    # course's page is picked from a list when adding a run, which needs no page permission).
    Role(
        name="Course coordinator",
        why="Runs a term: course runs, students, places, waiting lists, offers to phone, emails not sent, "
        "the wording of emails, feedback results, reports and downloads. Not users, groups or pages.",
        permissions=[
            ADMIN_ACCESS,
            # Registers, places, waiting lists, offers to phone, people to call, emails not sent,
            # feedback results and the downloads all ask for these (enrolment/admin/permissions.py).
            "enrolment.view_enrolment",
            "enrolment.change_enrolment",
            # Deleting a student is their erasure ("delete my data"), which people ask for by phone.
            *model_permissions("enrolment", "student"),
            *model_permissions("courses", "courserun", ("add", "change", "view")),
            # A run needs its term and place; set-up is shared with content editors. No deleting:
            # runs point at them.
            *[p for model in COURSE_SET_UP for p in model_permissions("courses", model, ("add", "change", "view"))],
            *model_permissions("notices", "wording"),  # the wording of emails
            "reports.view_reports",
        ],
        # A facilitator's photo is chosen from the image library.
        collection_permissions=["wagtailimages.choose_image"],
    ),
    # Facilitators take registers in the room, on a phone. What they see is narrowed to the runs
    # they facilitate by the link from their Facilitator record to their account; the feedback
    # stays anonymous to them, and they see nobody's waiting list or other courses.
    Role(
        name="Facilitator",
        why="Only the runs they facilitate: those registers, taking the register, walk-ins and the "
        "support needs of those students. Their Facilitator record must be linked to their account.",
        permissions=[ADMIN_ACCESS, "courses.take_own_registers"],
    ),
    # The public website. Nothing about students: who is booked on what is health information.
    Role(
        name="Content editor",
        why="Pages, images, documents and the course set-up snippets (locations, facilitators, topics, "
        "terms). No student data at all.",
        permissions=[
            ADMIN_ACCESS,
            *[p for model in COURSE_SET_UP for p in model_permissions("courses", model)],
        ],
        page_permissions=PAGE_EDITING,
        collection_permissions=IMAGES_AND_DOCUMENTS,
    ),
]

ROLE_NAMES = [role.name for role in ROLES]
