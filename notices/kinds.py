"""Every kind of email the college sends, in one table. A row says what staff call it, the
template it is laid out with (templates/notices/email/<template>.html and .txt), the facts it
states (a builder of that name in content/facts.py), the {placeholders} staff may use in its words,
our suggested words (staff may change them under "Email wording"), and how it is treated: phoned
when email cannot reach someone, a reminder (skipped when they switched reminders off), an offer.

Adding a kind: a row here, its facts builder, its two templates, a sample in content/samples.py
for the preview, and a migration for the new choice (makemigrations)."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Words:
    subject: str
    preview: str
    body: str


@dataclass(frozen=True)
class EmailKind:
    name: str
    value: str
    label: str
    template: str
    facts: str
    placeholders: tuple[str, ...]
    words: Words
    phoned: bool = False  # without email, staff phone them instead (other emails confirm what staff know)
    reminder: bool = False
    offer: bool = False


EVERY_EMAIL = ("first_name", "college_name", "college_phone", "college_email", "contact_us")
_RUN = ("course", "first_date")

TABLE = (
    EmailKind(
        "SIGN_IN",
        "sign_in",
        "Sign-in link",
        template="sign_in",
        facts="sign_in",
        placeholders=EVERY_EMAIL + ("hours",),
        words=Words(
            "Your link to sign in",
            "It works once, within {hours}.",
            "Hello {first_name},\n\n"
            "Here is your link to see your courses and waiting lists.\n\n"
            "If you did not ask for it, you can ignore this email. Nothing will change.",
        ),
    ),
    EmailKind(
        "CONFIRMED",
        "confirmed",
        "Enrolment confirmed",
        template="confirmed",
        facts="confirmed",
        placeholders=EVERY_EMAIL + _RUN + ("places",),
        words=Words(
            "Your place is booked",
            "Your dates, where to go and how to change your booking.",
            "Hello {first_name},\n\n"
            "Thank you for enrolling. Your place on {course} is booked. The first session is on {first_date}.\n\n"
            "Everything you need to know is below, and the dates are attached so you can add them to "
            "your calendar.\n\n"
            "If there is anything that would make it easier for you to come, or you have a question, "
            "please {contact_us}. We are happy to help.",
        ),
    ),
    EmailKind(
        "WAITLISTED",
        "waitlisted",
        "Joined the waiting list",
        template="waitlisted",
        facts="waitlisted",
        placeholders=EVERY_EMAIL + ("course", "position", "places"),
        words=Words(
            "You are on the waiting list",
            "We will email you as soon as a place comes up.",
            "Hello {first_name},\n\n"
            "Thank you for your interest in {course}. We have added you to the waiting list: you are {position}.\n\n"
            "When a place comes up, we will email you and keep it for you for a while, so you have time "
            "to decide. You do not need to do anything until then.\n\n"
            "If you change your mind, you can leave the waiting list at any time using the link below.",
        ),
    ),
    EmailKind(
        "OFFERED",
        "offered",
        "Place offered",
        template="offer",
        facts="offer",
        placeholders=EVERY_EMAIL + _RUN + ("offer_ends", "places"),
        phoned=True,
        offer=True,
        words=Words(
            "A place has come up for you",
            "We are keeping it for you until {offer_ends}.",
            "Hello {first_name},\n\n"
            "Good news: a place has come up on {course}, and we are keeping it for you until {offer_ends}.\n\n"
            "If you would like it, please accept it using the link below. If you cannot come this time, "
            "that is fine: please turn it down, so we can offer it to the next person waiting.\n\n"
            "If we do not hear from you by then, we will offer the place to someone else.",
        ),
    ),
    EmailKind(
        "OFFER_ENDING",
        "offer_ending",
        "Offer ending soon",
        template="offer",
        facts="offer",
        placeholders=EVERY_EMAIL + _RUN + ("offer_ends", "places"),
        phoned=True,
        offer=True,
        words=Words(
            "We are still keeping a place for you",
            "We can keep it until {offer_ends}.",
            "Hello {first_name},\n\n"
            "Just a reminder: we are still keeping a place for you on {course}, until {offer_ends}.\n\n"
            "If you would like it, please accept it using the link below. If you cannot come this time, "
            "that is fine: please turn it down, so we can offer it to someone else.",
        ),
    ),
    EmailKind(
        "OFFER_EXPIRED",
        "offer_expired",
        "Offer ran out",
        template="offer_expired",
        facts="offer_expired",
        placeholders=EVERY_EMAIL + _RUN,
        words=Words(
            "About the place we kept for you",
            "We have offered it to the next person waiting.",
            "Hello {first_name},\n\n"
            "We kept a place for you on {course}, but the time to accept it has passed, so we have "
            "offered it to the next person waiting.\n\n"
            "We understand that life gets in the way. You are very welcome to join a waiting list again "
            "or choose other dates, whenever suits you.",
        ),
    ),
    EmailKind(
        "CANCELLED",
        "cancelled",
        "Cancellation confirmed",
        template="cancelled",
        facts="cancelled",
        placeholders=EVERY_EMAIL + _RUN,
        words=Words(
            "Your booking is cancelled",
            "This confirms the change to your booking.",
            "Hello {first_name},\n\n"
            "This is to confirm that your place on {course} is now cancelled. We will offer it to "
            "someone on the waiting list.\n\n"
            "You are welcome to enrol again at any time. If this is a mistake, please {contact_us} and "
            "we will help.",
        ),
    ),
    EmailKind(
        "RUN_CANCELLED",
        "run_cancelled",
        "Course cancelled by the college",
        template="run_cancelled",
        facts="run_cancelled",
        placeholders=EVERY_EMAIL + _RUN,
        phoned=True,
        words=Words(
            "We have had to cancel some course dates",
            "We are sorry for the change to your plans.",
            "Hello {first_name},\n\n"
            "We are very sorry, but we have had to cancel {course} starting on {first_date}.\n\n"
            "You do not need to do anything. You can find other dates using the link below.\n\n"
            "If you would like to talk about it, please {contact_us}.",
        ),
    ),
    EmailKind(
        "RUN_CHANGED",
        "run_changed",
        "Course dates or place changed",
        template="run_changed",
        facts="run_changed",
        placeholders=EVERY_EMAIL + _RUN,
        phoned=True,
        words=Words(
            "There is a change to your booking",
            "Please check the new details.",
            "Hello {first_name},\n\n"
            "We have had to make a change to {course}. What has changed, and the details as they are "
            "now, are below.\n\n"
            "We are sorry for any trouble this causes. If the new arrangements do not suit you, you can "
            "change your booking using the link below, or {contact_us}.",
        ),
    ),
    EmailKind(
        "REMINDER_FIRST",
        "reminder_first",
        "Reminder before the first session",
        template="reminder",
        facts="reminder",
        placeholders=EVERY_EMAIL + _RUN + ("session_date", "session_time"),
        phoned=True,
        reminder=True,
        words=Words(
            "A reminder about your booking",
            "Your first session is on {session_date}.",
            "Hello {first_name},\n\n"
            "This is a friendly reminder that {course} starts soon. Your first session is on "
            "{session_date}, {session_time}.\n\n"
            "We are looking forward to meeting you. It is normal to feel a bit nervous before a first "
            "session: you can take part as much or as little as you like.\n\n"
            "If you can no longer come, please cancel using the link below so someone else can have your place.",
        ),
    ),
    EmailKind(
        "REMINDER_SESSION",
        "reminder_session",
        "Reminder before each session",
        template="reminder",
        facts="reminder",
        placeholders=EVERY_EMAIL + _RUN + ("session_date", "session_time"),
        phoned=True,
        reminder=True,
        words=Words(
            "A reminder about your next session",
            "It is on {session_date}, {session_time}.",
            "Hello {first_name},\n\n"
            "This is a reminder that your next session of {course} is on {session_date}, {session_time}.\n\n"
            "If you can no longer come to the course at all, please cancel using the link below so "
            "someone else can have your place.",
        ),
    ),
    EmailKind(
        "ENROLMENT_OPEN",
        "enrolment_open",
        "Enrolment has opened",
        template="enrolment_open",
        facts="enrolment_open",
        placeholders=EVERY_EMAIL + _RUN,
        words=Words(
            "Enrolment is open",
            "You asked us to tell you when you could enrol.",
            "Hello {first_name},\n\n"
            "You asked us to email you when enrolment opened for {course}, starting on {first_date}. "
            "It is open now, and you can enrol using the link below.\n\n"
            "Places go to people in the order they enrol. If the course is full by the time you enrol, "
            "we can add you to the waiting list.\n\n"
            "This is the only email we will send you about these dates. If you have a question, please {contact_us}.",
        ),
    ),
    EmailKind(
        "FEEDBACK",
        "feedback",
        "Feedback after a course",
        template="feedback",
        facts="feedback",
        placeholders=EVERY_EMAIL + _RUN,
        words=Words(
            "How did it go?",
            "A few questions, if you have a moment.",
            "Hello {first_name},\n\n"
            "Thank you for coming to {course}. We would like to know how it went for you, so we can keep "
            "improving what we offer.\n\n"
            "There are a few short questions, and all of them are optional apart from the first. It takes "
            "about 3 minutes. Your name is not shown to the people who ran the course.\n\n"
            "This is the only time we will ask. If you would rather tell us by phone, please {contact_us}.",
        ),
    ),
)

# The choices stored on Notice and Wording rows: Kind.SIGN_IN == "sign_in", and so on.
Kind = models.TextChoices("Kind", [(row.name, (row.value, row.label)) for row in TABLE])
BY_VALUE = {row.value: row for row in TABLE}
REMINDER_KINDS = tuple(Kind(row.value) for row in TABLE if row.reminder)
OFFER_KINDS = tuple(Kind(row.value) for row in TABLE if row.offer)
CALL_KINDS = tuple(Kind(row.value) for row in TABLE if row.phoned)


def of(kind: str) -> EmailKind:
    """The row for a kind's value."""
    return BY_VALUE[kind]
