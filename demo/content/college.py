"""The demo college's own details and its web pages (home, course dates, about, contact, privacy
notice). The accessibility statement is not demo content: its facts are code, kept true by tests
(home/accessibility.py). The phone number is in Ofcom's range kept for drama (01632 960000 to
960999), so it can never ring a real person."""

from . import paragraphs, text_blocks, ul

NAME = "Oxfordshire Recovery College"
PHONE = "01632 960 412"
PHONE_HOURS = "Monday to Friday, 9:30am to 4pm"
EMAIL = "courses@recovery-college.example.org"
POSTAL_ADDRESS = "Oxfordshire Recovery College\nThe Old Print Works\n12 Tanner's Yard\nOxford\nOX1 1RC"

SETTINGS = {"name": NAME, "phone": PHONE, "phone_hours": PHONE_HOURS, "email": EMAIL, "postal_address": POSTAL_ADDRESS}

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "recovery-demo"  # printed on purpose: the command refuses to run outside DEBUG
ADMIN_EMAIL = "admin@recovery-college.example.org"

HOME = {
    "title": NAME,
    "slug": "home",
    "intro": "Free courses about mental health and recovery, for anyone aged 18 or over in "
    "Oxfordshire. Learn something new, meet people who understand, and take steps "
    "towards the life you want.",
    "about": paragraphs(
        "A Recovery College is a place of learning, not treatment. Our courses help you "
        "understand your own mental health, or the mental health of someone you care about, and "
        "give you practical tools to use every day.",
        "Every course is written and taught by two people working together: an Expert by "
        "Experience, who has lived with mental ill-health, and an Expert by Training, who has a "
        "professional background in the subject.",
    )
    + "<p>You do not need a referral or a diagnosis, and all our courses are free. "
    '<a href="/about/">More about the college</a>.</p>',
    "how_to_enrol": '<ol><li>Find a course you like on the <a href="/course-dates/">course '
    "dates</a> page.</li><li>Choose a date and place that suit you, or join "
    "online.</li><li>Enrol online in a few minutes. We will email you to "
    "confirm your place.</li></ol><p>Not online, or would rather talk? You can "
    "enrol by phone, or ask us to post you a paper form.</p>",
}

COURSE_INDEX = {
    "title": "Course dates",
    "slug": "course-dates",
    "show_in_menus": True,
    "intro": "<p>All our courses are free and open to anyone aged 18 or over. Find a course by "
    "topic, place, day or time of day. Online courses suit everyone, wherever you live."
    "</p><p>Spaces are limited, so please enrol early and let us know if you can no "
    "longer come.</p>",
}

ABOUT_BODY = [
    "<h2>Learning together</h2>"
    + paragraphs(
        "The Oxfordshire Recovery College is a place of learning, support and discovery. Our "
        "students come from all walks of life, and many find a community here: people who "
        "understand, and who share ideas and strength.",
        "Our courses are about recovery: finding ways to live a meaningful life, with or "
        "without the symptoms of a mental health condition. Recovery is different for "
        "everyone, and you are the expert in your own life.",
    ),
    "<h2>Co-produced and co-delivered</h2>"
    + paragraphs(
        "Every course is planned, written and taught by two kinds of expert working side by "
        "side. An Expert by Experience has their own lived experience of mental ill-health, or "
        "of caring for someone. An Expert by Training has a professional background in the "
        "subject, such as nursing, psychology or welfare advice.",
        "Putting up-to-date knowledge next to the voice of someone who has lived it makes our "
        "courses practical and honest. Students often help shape new courses too.",
    ),
    "<h2>Where we run courses</h2>"
    + paragraphs(
        "Our hub is in central Oxford. We also run pop-up courses at spoke venues across the "
        "county, in Abingdon, Banbury, Bicester, Didcot, Wantage and Witney, so there may be "
        "one near you.",
        "Many courses also run online, by video call. They follow the same plan as our "
        "in-person courses, and you can join from home.",
    ),
    "<h2>Who can come</h2>"
    + ul(
        "People working on their own recovery",
        "Family, friends and carers of someone with a mental health condition",
        "Staff from health, social care and partner organisations",
        "Anyone in Oxfordshire aged 18 or over who wants to learn more about mental health",
    )
    + paragraphs("You do not need a referral or a diagnosis. All courses are free."),
]

CONTACT_BODY = [
    "<h2>Call us</h2>"
    + paragraphs(
        f"Phone {PHONE}, {PHONE_HOURS}. We can enrol you over the phone, answer questions about "
        "a course or post you a paper enrolment form.",
    ),
    "<h2>Email us</h2>" + f'<p><a href="mailto:{EMAIL}">{EMAIL}</a>. We reply within two working days.</p>',
    "<h2>Write to us</h2>" + "<p>" + POSTAL_ADDRESS.replace("\n", "<br/>") + "</p>",
    "<h2>We are not a crisis service</h2>"
    + paragraphs(
        "We cannot offer urgent help. If you need help for your mental health right now, call "
        "NHS 111 and choose option 2, or call Samaritans free on 116 123. In an emergency call "
        "999.",
    ),
]

PRIVACY_BODY = [
    paragraphs(
        "This is a sample privacy notice for the demo college. A real college must write its "
        "own with its data protection officer.",
    ),
    "<h2>What we collect</h2>"
    + ul(
        "Your name and how to contact you",
        "The courses you enrol on and come to",
        "Anything you choose to tell us about access needs, so we can support you",
    ),
    "<h2>Why we use it</h2>"
    + paragraphs(
        "We use your details to run courses: to confirm your place, remind you about sessions, "
        "tell you about changes and offer you a place from a waiting list. We do not sell your "
        "details or use them for marketing.",
    ),
    "<h2>How long we keep it</h2>"
    + paragraphs(
        "We keep your details while you are a student and for two years after your last course, then delete them.",
    ),
    "<h2>Your rights</h2>"
    + paragraphs(
        "You can ask to see the information we hold about you, ask us to correct it or ask us "
        "to delete it. Contact us by phone, email or post. If you are unhappy with how we have "
        "used your information you can complain to the Information Commissioner's Office.",
    ),
]

CONTENT_PAGES = [
    {
        "title": "About the college",
        "slug": "about",
        "show_in_menus": True,
        "summary": "What a Recovery College is, how our courses are made and who can come.",
        "body": text_blocks(*ABOUT_BODY),
    },
    {
        "title": "Contact us",
        "slug": "contact",
        "show_in_menus": True,
        "summary": "How to reach the college by phone, email or post.",
        "body": text_blocks(*CONTACT_BODY),
    },
    {
        "title": "Privacy notice",
        "slug": "privacy-notice",
        "summary": "What information we keep about students, why, and your rights.",
        "body": text_blocks(*PRIVACY_BODY),
    },
]
