"""Every place the college keeps personal data, listed once, as plain data: for the privacy
notice, a subject access request, a data protection impact assessment, and for the test that
fails when someone adds a personal field without saying here how long it is kept and what
erases it (tests/test_privacy_registry.py).

FIELDS: "app_label.Model.field" -> Entry, for every model field that holds personal data.
NOT_PERSONAL: fields that look personal (by name, or free text) but are not, each with the reason.
PLACES: personal data outside our models (caches, cookies, links, logs, the broker, the provider).

Adding a field is one line: its key, what it is, its category and the Rule that erases it. Each
Rule names the RetentionSettings field (privacy/models.py) that sets its time, if any, and the
function that does the erasing."""

from dataclasses import dataclass

# Categories (UK GDPR): who someone is and how to reach them; special category data about health
# (a recovery college's students are people with mental health conditions and their carers, so
# even which course someone is on says something about their health); free text, which can hold
# anything; and technical data that identifies a device or a person indirectly.
IDENTITY = "identity and contact"
HEALTH = "special category: health"
FREE_TEXT = "free text"
TECHNICAL = "technical"
# Equality monitoring answers: ethnicity, sexual orientation and disability are special category too.
EQUALITY = "special category: equality monitoring"


@dataclass(frozen=True)
class Rule:
    kept: str  # how long, in words
    erased: str  # blanked, replaced, row deleted, or kept anonymous
    by: str  # the function (or screen) that erases it
    setting: str = ""  # the RetentionSettings field that sets the time, if any


@dataclass(frozen=True)
class Entry:
    what: str
    category: str
    rule: Rule


FORGET = "enrolment.services.forgetting.forget_student"

# A student's own details: kept while they use the college; erased when they ask ("Delete my
# data"), when staff erase them for them, or after the set years with no activity.
STUDENT = Rule(
    "until they ask us to delete it, or after the set number of years with no activity",
    "blanked or replaced; the row stays, anonymous, for the figures",
    f"{FORGET} (privacy.retention.forget_inactive_students after inactivity)",
    "inactive_student_years",
)
# What stays after erasure so the commissioners' figures stay true, linked to no name.
ANONYMOUS = Rule(
    "for good, but linked only to an anonymous student once they are forgotten",
    "kept anonymous",
    FORGET,
    "inactive_student_years",
)
SUPPORT_NEEDS = Rule(
    "until the set days after the last run they are on or waiting for has ended, or until forgotten",
    "blanked",
    "enrolment.services.retention.blank_old_support_needs (and forget_student)",
    "support_needs_days",
)
SUPPORTER = Rule(
    "until the set days after the run ended (a wait for any date: after the wait ended), or until forgotten",
    "blanked",
    "enrolment.services.retention.blank_supporter_names (and forget_student)",
    "support_needs_days",
)
LEARNING_PLAN = Rule(
    "until they delete it or are forgotten (with them after the set years with no activity)",
    "row deleted",
    "enrolment.services.plans.delete_plan, called by forget_student",
    "inactive_student_years",
)
WALK_IN = Rule(
    "until the set days after the session they came to",
    'replaced with "Walk-in" and blanks; the row stays and counts in attendance',
    "enrolment.services.retention.forget_walk_ins",
    "walk_in_days",
)
EMAIL_RECORD = Rule(
    "until the set days after the email was owed (once it is no longer waiting to be sent or phoned); "
    "details and problem also when the student is forgotten (notices.erasure.erase_notices_of)",
    "blanked; the row (kind, status, dates) stays as proof of what was sent",
    "notices.retention.blank_old_notices",
    "email_record_days",
)
STAFF_NOTE = Rule(
    "until the student is forgotten: their earlier reasons are blanked then (the erasure's own is kept)",
    "blanked",
    FORGET,
    "inactive_student_years",
)
HOLD = Rule(
    "while a college admin holds the student's details from erasure",
    "blanked when the hold is lifted",
    "enrolment.services.forgetting.lift_hold",
)
STAFF_ACCOUNT = Rule(
    "while they work for the college",
    "row deleted (or made inactive) by a college admin",
    "Wagtail admin: Settings > Users",
)
FACILITATOR = Rule(
    "while they facilitate: shown on course pages with their agreement",
    "row deleted by staff",
    "Wagtail admin: Snippets > Facilitators",
)
FEEDBACK = Rule(
    "until the student is forgotten; staff never see who answered",
    "blanked; the ratings stay for the reports",
    FORGET,
    "inactive_student_years",
)
NEVER_LINKED = Rule(
    "for good, for the equality figures: never linked to anyone, so nobody can find or erase one person's",
    "kept anonymous from the start (no student, no time, a random id)",
    "nothing: equality/models.py explains why one person's answers cannot be found",
)

FIELDS: dict[str, Entry] = {
    # enrolment: students
    "enrolment.Student.first_name": Entry("Their first name", IDENTITY, STUDENT),
    "enrolment.Student.last_name": Entry("Their last name", IDENTITY, STUDENT),
    "enrolment.Student.email": Entry("Their email address", IDENTITY, STUDENT),
    "enrolment.Student.phone": Entry("Their phone number", IDENTITY, STUDENT),
    "enrolment.Student.postal_address": Entry("Their postal address", IDENTITY, STUDENT),
    "enrolment.Student.postcode": Entry("Their postcode", IDENTITY, STUDENT),
    "enrolment.Student.date_of_birth": Entry("Their date of birth", IDENTITY, STUDENT),
    "enrolment.Student.heard_about": Entry("How they heard about the college, in their words", FREE_TEXT, STUDENT),
    "enrolment.Student.link_nonce": Entry("The one-use value in their next sign-in link", TECHNICAL, STUDENT),
    "enrolment.Student.email_problem": Entry("Why their email bounced (can quote the address)", TECHNICAL, STUDENT),
    "enrolment.Student.support_needs": Entry("Their support needs, in their words", HEALTH, SUPPORT_NEEDS),
    "enrolment.Student.joining_as": Entry("Lived experience, carer, staff or other", HEALTH, ANONYMOUS),
    "enrolment.Student.contact_by": Entry("How they like to be contacted", IDENTITY, ANONYMOUS),
    "enrolment.Student.email_undeliverable_at": Entry("When their email stopped working", TECHNICAL, ANONYMOUS),
    "enrolment.Student.erasure_hold_reason": Entry("Why staff hold their details from erasure", FREE_TEXT, HOLD),
    # enrolment: places, waits, attendance, feedback, plans, the audit trail
    "enrolment.Enrolment.supporter_name": Entry("Name of the carer or supporter with them", IDENTITY, SUPPORTER),
    "enrolment.WaitlistEntry.supporter_name": Entry("Name of the carer or supporter with them", IDENTITY, SUPPORTER),
    "enrolment.WalkIn.name": Entry("Name of someone who came without a place", IDENTITY, WALK_IN),
    "enrolment.WalkIn.phone": Entry("Phone of someone who came without a place", IDENTITY, WALK_IN),
    "enrolment.WalkIn.email": Entry("Email of someone who came without a place", IDENTITY, WALK_IN),
    "enrolment.FeedbackAnswer.what_helped": Entry("What helped, in their words", FREE_TEXT, FEEDBACK),
    "enrolment.FeedbackAnswer.could_do_better": Entry("What we could do better, in their words", FREE_TEXT, FEEDBACK),
    "enrolment.LearningPlan.goals": Entry("Their recovery learning goals, in their words", HEALTH, LEARNING_PLAN),
    "enrolment.StateChange.reason": Entry("Why staff made a change (cancelled a place...)", FREE_TEXT, STAFF_NOTE),
    # notices: the email ledger
    "notices.Notice.details": Entry("What changed, for a 'course changed' message", FREE_TEXT, EMAIL_RECORD),
    "notices.Notice.problem": Entry("Why an email failed (can quote the address)", TECHNICAL, EMAIL_RECORD),
    "notices.Notice.message_id": Entry("The provider's id: finds the whole email there", TECHNICAL, EMAIL_RECORD),
    # equality: answers kept apart from who gave them
    "equality.EqualityResponse.age_band": Entry("An age band", EQUALITY, NEVER_LINKED),
    "equality.EqualityResponse.gender": Entry("A gender", EQUALITY, NEVER_LINKED),
    "equality.EqualityResponse.ethnicity": Entry("An ethnic group", EQUALITY, NEVER_LINKED),
    "equality.EqualityResponse.disability": Entry("Disability or long-term condition", EQUALITY, NEVER_LINKED),
    "equality.EqualityResponse.sexual_orientation": Entry("A sexual orientation", EQUALITY, NEVER_LINKED),
    # courses: facilitators are staff or volunteers, shown publicly on course pages
    "courses.Facilitator.name": Entry("A facilitator's name", IDENTITY, FACILITATOR),
    "courses.Facilitator.bio": Entry("A facilitator's few sentences about themselves", FREE_TEXT, FACILITATOR),
    "courses.Facilitator.photo": Entry(
        "A facilitator's photo (the image itself stays in Images)", IDENTITY, FACILITATOR
    ),
    "courses.Facilitator.contact_email": Entry("A facilitator's email address", IDENTITY, FACILITATOR),
    # staff accounts (Django's own model)
    "auth.User.username": Entry("A member of staff's user name", IDENTITY, STAFF_ACCOUNT),
    "auth.User.first_name": Entry("A member of staff's first name", IDENTITY, STAFF_ACCOUNT),
    "auth.User.last_name": Entry("A member of staff's last name", IDENTITY, STAFF_ACCOUNT),
    "auth.User.email": Entry("A member of staff's email address", IDENTITY, STAFF_ACCOUNT),
}


def _same_reason(model: str, fields: str, reason: str) -> dict[str, str]:
    return {f"{model}.{name}": reason for name in fields.split()}


PAGE_TEXT = "words staff write for a public page, about courses and the college, not about a person"
NOT_PERSONAL: dict[str, str] = {
    **_same_reason("home.HomePage", "intro about how_to_enrol", PAGE_TEXT),
    **_same_reason("home.ContentPage", "summary", PAGE_TEXT),
    **_same_reason(
        "courses.CoursePage", "summary who_it_is_for what_you_will_learn practical_tools accessibility_notes", PAGE_TEXT
    ),
    **_same_reason("courses.CourseIndexPage", "intro", PAGE_TEXT),
    **_same_reason("home.CrisisSupportSettings", "text", "crisis services' public phone numbers, on every page"),
    **_same_reason(
        "home.CollegeSettings",
        "name phone phone_hours email postal_address",
        "the college's own public contact details",
    ),
    **_same_reason("courses.Location", "name address postcode notes", "a venue, not a person: shown publicly"),
    **_same_reason("courses.Topic", "name", "a subject, such as Anxiety"),
    **_same_reason("courses.Term", "name", "a term, such as Spring 2027"),
    "courses.CourseRun.online_joining_details": "the run's video link and how to join, the same for everyone",
    "notices.Wording.body": "staff's wording for a kind of email, with {placeholders}, never one person's email",
    "enrolment.Offer.by_phone": "yes or no: whether staff phone about an offer, not a phone number",
    "geo.OutwardCode.postcode_count": "how many postcodes a district has (public ONS figures)",
    **_same_reason(
        "privacy.RetentionSettings", "support_needs_days email_record_days", "how many days things are kept"
    ),
    **_same_reason(
        "equality.EqualitySettings", "ask_gender ask_ethnicity why_we_ask", "which questions are asked, and why"
    ),
    "monitoring.Heartbeat.name": "the name of a process (beat, email-worker), not of a person",
}

# Personal data that is not in a field of ours. Keys are short names; none is a model field.
PLACES: dict[str, Entry] = {
    "rate-limit counts": Entry(
        "Redis cache keys of django-ratelimit (enrolment/limits.py): 'rl:' and a SHA-256 of the form, the limit, "
        "the internet address or email address and the time window; the value is a count. No address is "
        "readable, but a hash of an internet address can be matched by trying them all",
        TECHNICAL,
        Rule("the limit's window (an hour, settings.RATE_LIMITS) and a few seconds", "expires", "the Redis cache"),
    ),
    "staff sign-in records": Entry(
        "django-axes rows (AccessLog, AccessAttempt, AccessFailureLog): user name, internet address, browser",
        TECHNICAL,
        Rule(
            "the set days",
            "row deleted",
            "privacy.retention.delete_staff_sign_ins",
            "staff_sign_in_days",
        ),
    ),
    "two-factor devices": Entry(
        "django-otp's authenticator secret and recovery codes of each member of staff",
        TECHNICAL,
        Rule(
            "while they have an account",
            "row deleted with the account, or on reset",
            "staffauth.recovery.forget_devices",
        ),
    ),
    "browser sessions": Entry(
        "django_session rows: a student's holds only their id (enrolment/session.py), for 2 hours "
        "(STUDENT_SESSION_SECONDS); staff's hold their user id and two-factor device",
        TECHNICAL,
        Rule("until they expire", "row deleted", "privacy.retention.delete_expired_sessions"),
    ),
    "thank-you cookie": Entry(
        "After enrolling, a signed (not encrypted) cookie with their email address masked (j•••@example.org: "
        "the first letter and the domain), sent only to the thank-you page (enrolment/views/enrol.py)",
        IDENTITY,
        Rule("30 minutes (SENT_TO_SECONDS)", "expires in their browser", "the browser"),
    ),
    "signed links": Entry(
        "Tokens in emailed links (enrolment/links.py): the purpose, a row's id and, for sign-in, a one-use nonce. "
        "Signed, not encrypted: never a name, email or phone (tests/test_retention.py decodes real ones)",
        TECHNICAL,
        Rule("in the student's email; they work 1 hour (sign-in) to a year", "expire", "enrolment.links.LIFETIME"),
    ),
    "broker messages": Entry(
        "Celery messages in Redis carry ids only (notices/dispatch.py: ledger row ids); other tasks take none",
        TECHNICAL,
        Rule("until a worker has run the task", "deleted by Celery", "Celery"),
    ),
    "logs": Entry(
        "Every log line passes college/logs.py, which takes out email addresses, link tokens, signed values and "
        "query strings; our code logs ids only. gunicorn's access line (college/gunicorn.conf.py) has the "
        "client address (the proxy's, behind Caddy or nginx) and the path. Caddy writes no access log "
        "(deploy/Caddyfile has no `log`)",
        TECHNICAL,
        Rule("as long as journald or Docker keep them: set their rotation", "rotated away", "the host"),
    ),
    "email provider": Entry(
        "Every email sent: the address, subject and body, and the provider's events (delivered, bounced). "
        "The body is never stored in our database: it is built from the ledger row's facts when it is sent",
        IDENTITY,
        Rule("the provider's own log retention: set it in its dashboard", "deleted by the provider", "the provider"),
    ),
    "tracking events applied": Entry(
        "notices.AppliedTrackingEvent.digest: SHA-256 of the provider, the event's id and the address, to refuse "
        "replays. The address cannot be read back, but a known address can be matched",
        TECHNICAL,
        Rule(
            "the set number of days for email records (a retry or replay comes within days)",
            "row deleted",
            "notices.retention.delete_old_tracking_digests",
            "email_record_days",
        ),
    ),
    "which courses someone is on": Entry(
        "Enrolment, WaitlistEntry, Offer, Attendance, EnrolmentOpensAlert, Notice rows link a student to courses: "
        "health information",
        HEALTH,
        Rule(
            "the rows stay for the figures; alerts are deleted",
            "kept anonymous (the student row is erased)",
            FORGET,
            "inactive_student_years",
        ),
    ),
    "staff's history": Entry(
        "Wagtail's log (ModelLogEntry) of staff actions: labels are never a person's name (enrolment/audit.py); "
        "entries on a student can hold staff's reasons",
        TECHNICAL,
        Rule(
            "for good, as the record of who did what",
            "entries on a forgotten student relabelled 'Deleted student N' and their data emptied",
            FORGET,
        ),
    ),
    "backups": Entry(
        "Nightly database dumps hold everything above, erased details too until the dump is deleted",
        IDENTITY,
        Rule("30 days (deploy/systemd/college-backup.service)", "file deleted", "the backup job"),
    ),
    "emails kept in development": Entry(
        "var/sent-emails/*.eml, the whole email, only with EMAIL_PROVIDER=files (the demo, never production)",
        IDENTITY,
        Rule("until the folder is emptied by hand", "file deleted", "the developer"),
    ),
}
