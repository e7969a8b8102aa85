"""Plain English on the pages we write the words for: every state of the enrolment form, signing
in, My courses, the pages an emailed link opens, the course dates page's own words and the
accessibility statement. Many students have anxiety, low mood or a learning disability, so we aim
for a reading age of about 11: Flesch reading ease 60 or more (the plain English Campaign's and
GOV.UK's usual bar) and a Flesch-Kincaid grade of 6 or less.

What is measured is the visible text of <main>, with each heading, paragraph, list item, label,
hint and button read as a sentence of its own, as a person reads a page. Words staff write (course
descriptions, page bodies) are not ours to hold to this; the fixtures here use short, plain ones.
Run with -s to see each page's figures.

Also here: nothing on those pages looks alarming unless something is wrong, and a wrong answer on a
page never shows Django's own words. Every error message a form can give says how to fix it, in the
NHS.UK style (home/form_errors.py): tests/test_error_messages.py. The reader and the bars:
tests/plain_english_helpers.py."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment, Offer
from home.models import CollegeSettings, ContentPage

from .factories import fill, make_course, make_run, make_student, publish
from .plain_english_helpers import (
    DJANGO_WORDING,
    GRADE_AT_MOST,
    LONGEST_SENTENCE_WORDS,
    READING_EASE_AT_LEAST,
    alarming,
    heading,
    longest_sentence,
    main_text,
    reading,
)
from .sign_in_helpers import ask_for_link, emailed_link

# The pages. Each takes the test's world and returns the response to measure.


class World:
    def __init__(self, client, course_index):
        self.client = client
        settings = CollegeSettings.load()
        settings.name, settings.phone = "Oxfordshire Recovery College", "01632 960 412"
        settings.phone_hours, settings.email = "Monday to Friday, 9:30am to 4pm", "courses@college.example.org"
        settings.postal_address = "The Old Print Works\n12 Tanner's Yard\nOxford\nOX1 1RC"
        settings.save()
        soon = timezone.localdate() + dt.timedelta(days=10)
        self.course = make_course(
            course_index,
            "Sleep well",
            summary="Ways to sleep better.",
            who_it_is_for="<p>Anyone who finds it hard to sleep.</p>",
            what_you_will_learn="<p>Why sleep goes wrong, and what helps.</p>",
            accessibility_notes="Handouts come in large print if you ask.",
        )
        self.run = make_run(self.course, first_date=soon, sessions=3, capacity=3)
        self.online = make_run(
            self.course, first_date=soon + dt.timedelta(days=2), sessions=2, format=CourseRun.Format.ONLINE
        )
        self.full = make_run(self.course, first_date=soon + dt.timedelta(days=7), capacity=1)
        fill(self.full, 1)
        self.student = make_student("Ana", email="ana@example.org")
        home = course_index.get_parent()
        self.about = publish(
            home,
            ContentPage(
                title="About us",
                slug="about-us",
                summary="Who we are and how we work.",
                body=[
                    ("text", "<p>We run free courses about mental health. Anyone over 18 can come.</p>"),
                    ("inset_text", {"body": "<p>You do not need to be referred by a doctor.</p>"}),
                ],
            ),
        )
        self.contact = publish(
            home,
            ContentPage(
                title="Contact us",
                slug="contact-us",
                body=[("text", "<p>Call us or send us an email. We will get back to you in 2 days.</p>")],
            ),
        )

    def get(self, path, data=None):
        return self.client.get(path, data)

    def post(self, path, data=None):
        return self.client.post(path, data or {})

    def sign_in(self):
        ask_for_link(self.client, self.student.email)
        assert self.client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"

    def enrol_data(self, **changes):
        data = {
            "first_name": "Ana",
            "last_name": "Lopes",
            "email": "new@example.org",
            "adult": "yes",
            "joining_as": "lived_experience",
            "contact_by": "email",
            "consent": "on",
        }
        return {**data, **changes}

    def booked(self) -> Enrolment:
        return services.join_run(run_id=self.run.pk, student=self.student).enrolment

    def offer(self) -> Offer:
        services.join_run(run_id=self.full.pk, student=self.student)
        services.cancel_enrolment(enrolment_id=Enrolment.objects.get(run=self.full).pk)
        return Offer.objects.live().get()


def signed_in(world, path):
    world.sign_in()
    return world.get(path)


def my_courses_full(world):
    world.booked()
    world.offer()
    services.join_run(run_id=world.run.pk, student=make_student())  # a place for someone else
    world.sign_in()
    return world.get("/my-courses/")


def details_error(world):
    world.sign_in()
    return world.post(
        "/my-courses/details/",
        {"first_name": "", "last_name": "Lopes", "phone": "12345", "contact_by": "post", "postal_address": ""},
    )


def expired_offer(world):
    offer = world.offer()
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    return world.post(link_path(Purpose.ACCEPT, offer.pk))


PAGES = {
    # The site's own pages: our words around the ones staff write
    "home page": lambda w: w.get("/"),
    "content page: about us": lambda w: w.get(w.about.url),
    "content page: contact us": lambda w: w.get(w.contact.url),
    # Enrolling
    "enrol form": lambda w: w.get(f"/enrol/{w.run.pk}/"),
    "enrol form, errors": lambda w: w.post(
        f"/enrol/{w.run.pk}/", {"email": "not an email", "phone": "123", "bring_supporter": "on"}
    ),
    "enrol form, course full": lambda w: w.get(f"/enrol/{w.full.pk}/"),
    "enrol form, course full, errors": lambda w: w.post(f"/enrol/{w.full.pk}/", w.enrol_data(which_dates="any")),
    "enrol form, signed in": lambda w: signed_in(w, f"/enrol/{w.online.pk}/"),
    "thank you": lambda w: w.get(w.post(f"/enrol/{w.run.pk}/", w.enrol_data()).url),
    "under 18": lambda w: w.post(f"/enrol/{w.run.pk}/", w.enrol_data(adult="no")),
    "enrolment closed": lambda w: (
        CourseRun.objects.filter(pk=w.run.pk).update(enrolment_closes=timezone.now() - dt.timedelta(hours=1)),
        w.get(f"/enrol/{w.run.pk}/"),
    )[1],
    "course cancelled": lambda w: (
        CourseRun.objects.filter(pk=w.run.pk).update(status=CourseRun.Status.CANCELLED),
        w.get(f"/enrol/{w.run.pk}/"),
    )[1],
    # Signing in and My courses
    "sign in": lambda w: w.get("/my-courses/sign-in/"),
    "sign in, error": lambda w: w.post("/my-courses/sign-in/", {"email": ""}),
    "sign in, check your email": lambda w: w.get(ask_for_link(w.client, "ana@example.org").url),
    "sign-in link": lambda w: (ask_for_link(w.client, "ana@example.org"), w.get(emailed_link(mail.outbox[-1])))[1],
    "my courses": my_courses_full,
    "my courses, nothing booked": lambda w: signed_in(w, "/my-courses/"),
    "change details": lambda w: signed_in(w, "/my-courses/details/"),
    "change details, errors": details_error,
    "delete my data": lambda w: signed_in(w, "/my-courses/delete-my-data/"),
    "data deleted": lambda w: (w.sign_in(), w.post("/my-courses/delete-my-data/"))[1],
    "signed out": lambda w: w.get("/my-courses/signed-out/"),
    # The pages an emailed link opens
    "link: cancel": lambda w: w.get(link_path(Purpose.CANCEL, w.booked().pk)),
    "link: cancelled": lambda w: w.post(link_path(Purpose.CANCEL, w.booked().pk)),
    "link: accept": lambda w: w.get(link_path(Purpose.ACCEPT, w.offer().pk)),
    "link: accepted": lambda w: w.post(link_path(Purpose.ACCEPT, w.offer().pk)),
    "link: turn down": lambda w: w.get(link_path(Purpose.DECLINE, w.offer().pk)),
    "link: offer ran out": expired_offer,
    "link: leave waiting list": lambda w: w.get(
        link_path(Purpose.LEAVE, services.join_run(run_id=w.full.pk, student=w.student).entry.pk)
    ),
    "link: stop reminders": lambda w: w.get(link_path(Purpose.STOP_REMINDERS, w.student.pk)),
    "link: not working": lambda w: w.get("/link/not-a-real-link/"),
    # Finding a course: our own words around staff-written course details
    "course dates": lambda w: w.get("/course-dates/"),
    "course dates, errors": lambda w: w.get("/course-dates/", {"date_from": "31/02/2027", "postcode": "XX"}),
    "course dates, nothing found": lambda w: w.get("/course-dates/", {"q": "zzzz"}),
    "course page": lambda w: w.get(w.course.url),
    "prospectus": lambda w: w.get("/prospectus/"),
    "page not found": lambda w: w.get("/no-such-page/"),
    "search, nothing found": lambda w: w.get("/search/", {"q": "zzzz"}),
    "accessibility statement": lambda w: w.get("/accessibility-statement/"),
}

# Which page each case must show: its status, its <h1>, and words only that page has (pages that
# share a heading, such as a form and the same form with errors, differ in these words).
SHOWN = {
    "home page": (200, "Test Recovery College", "Prefer to talk? Call us on 01632 960 412"),
    "content page: about us": (200, "About us", "You do not need to be referred by a doctor."),
    "content page: contact us": (200, "Contact us", "We will get back to you in 2 days."),
    "enrol form": (200, "Enrol on Sleep well", "It is free and takes about 5 minutes."),
    "enrol form, errors": (200, "Enrol on Sleep well", "There is a problem. Enter your first name."),
    "enrol form, course full": (200, "Enrol on Sleep well", "These dates are full, but you can enrol on other dates"),
    "enrol form, course full, errors": (
        200,
        "Enrol on Sleep well",
        "There is a problem. Choose at least one place, or online",
    ),
    "enrol form, signed in": (200, "Enrol on Sleep well", "You are signed in as Ana"),
    "thank you": (200, "Thank you: check your email", "We have your request for Sleep well."),
    "under 18": (200, "Our courses are for adults", "so we cannot enrol you"),
    "enrolment closed": (200, "Sleep well", "Sorry, enrolment for these dates is closed."),
    "course cancelled": (200, "Sleep well", "Sorry, this course has been cancelled."),
    "sign in": (200, "See your courses", "Send me a link."),
    "sign in, error": (200, "See your courses", "There is a problem. Enter your email address."),
    "sign in, check your email": (200, "Check your email", "we have sent it a link to see your courses"),
    "sign-in link": (200, "Sign in to see your courses", "Hello Ana. Press the button to see your courses"),
    "my courses": (200, "Your courses", "A place has come up for you."),
    "my courses, nothing booked": (200, "Your courses", "You have no courses coming up."),
    "change details": (200, "Change your details", "How would you like us to contact you?"),
    "change details, errors": (200, "Change your details", "There is a problem. Enter your first name."),
    "delete my data": (200, "Delete your details", "If you ask us to delete your details"),
    "data deleted": (200, "Your details are deleted", "We have cancelled your places and deleted your details."),
    "signed out": (200, "You have signed out", "ask for a new link"),
    "link: cancel": (200, "Cancel your place?", "Cancel my place."),
    "link: cancelled": (200, "Done", "Your place is cancelled."),
    "link: accept": (200, "Accept your place?", "Accept my place."),
    "link: accepted": (200, "Done", "You have a place."),
    "link: turn down": (200, "Turn down this place?", "We will offer it to the next person waiting"),
    "link: offer ran out": (200, "Sleep well", "the time to accept this place has run out"),
    "link: leave waiting list": (200, "Leave the waiting list?", "Leave the waiting list."),
    "link: stop reminders": (200, "Stop reminder emails?", "Stop reminders."),
    "link: not working": (400, "This link is not working", "Nothing about your booking has changed."),
    "course dates": (200, "Course dates", "3 courses."),
    "course dates, errors": (200, "Course dates", "Enter a real date for 'starting from'"),
    "course dates, nothing found": (200, "Course dates", "No courses match all of your choices."),
    "course page": (200, "Sleep well", "Anyone who finds it hard to sleep."),
    "prospectus": (200, "Oxfordshire Recovery College prospectus: Spring 2027", "Download this prospectus as a PDF"),
    "page not found": (404, "Page not found", "We could not find the page you were looking for."),
    "search, nothing found": (200, "Search", "Nothing matched."),
    "accessibility statement": (
        200,
        "Accessibility statement for Oxfordshire Recovery College",
        "This website is run by Oxfordshire Recovery College.",
    ),
}


def test_every_page_says_which_page_it_must_be():
    assert set(SHOWN) == set(PAGES)


@pytest.fixture
def world(client, course_index):
    return World(client, course_index)


@pytest.mark.parametrize("name", list(PAGES))
def test_our_words_are_plain_english_and_calm(world, name):
    response = PAGES[name](world)
    status, h1, phrase = SHOWN[name]
    shown = response.content.decode()
    # The page we meant, not another one that reads as plainly ("This link is not working" does).
    assert (response.status_code, heading(shown)) == (status, h1), f"{name}: not the page meant"
    assert phrase in " ".join(main_text(shown).split()), f"{name}: {phrase!r} is not on the page"
    styles = alarming(response.content.decode())
    if name.endswith(("error", "errors")):
        assert styles and all("error" in style for style in styles), (name, styles)
    else:
        assert styles == [], f"{name} looks alarming ({styles}), but nothing is wrong"
    ease, grade, words, text = reading(response.content.decode())
    longest = longest_sentence(text)
    print(
        f"\n{ease:6.1f} reading ease  {grade:4.1f} grade  {words:4d} words  "
        f"longest sentence {len(longest.split()):2d} words  {name}"
    )
    print("      LONGEST:", longest)
    assert words > 5, f"{name}: no text found in <main>:\n{text}"
    assert ease >= READING_EASE_AT_LEAST and grade <= GRADE_AT_MOST, (
        f"{name}: reading ease {ease} (want {READING_EASE_AT_LEAST} or more), grade {grade} "
        f"(want {GRADE_AT_MOST} or less). Shorter sentences and common words help. The text:\n{text}"
    )
    assert len(longest.split()) <= LONGEST_SENTENCE_WORDS, f"{name}: split this sentence: {longest}"


def test_the_text_reader_reads_blocks_as_sentences_and_skips_what_is_hidden():
    html = """<main><h1>Enrol</h1><p>It is <a href="#">free</a> and quick</p>
              <div class="nhsuk-hint">For example, OX4 1AA</div><span class="nhsuk-u-visually-hidden">Gone</span>
              <div class="college-hp" aria-hidden="true"><label>Leave this empty</label></div>
              <ul><li>One</li><li>Two!</li></ul><p hidden>Not shown</p></main>"""
    assert main_text(html) == "Enrol.\nIt is free and quick.\nFor example, OX4 1AA.\nOne.\nTwo!"


def test_a_wrong_answer_on_a_page_never_shows_djangos_own_words(world):
    pages = [
        world.post(
            f"/enrol/{world.full.pk}/",
            {
                "postcode": "OX4 1AA OXFORD",
                "heard_about": "x" * 201,
                "contact_by": "fax",
                "which_dates": "any",
                "any_where": ["mars"],
            },
        ),
        world.get(
            "/course-dates/",
            {"topic": "gone", "location": "gone", "day": "8", "postcode": "x" * 11, "lat": "100", "lng": "north"},
        ),
    ]
    for response in pages:
        html = response.content.decode()
        assert "There is a problem" in html
        assert [words for words in DJANGO_WORDING if words in html] == []
