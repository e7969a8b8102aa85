"""The demo college's topics, venues and facilitators. Every person and address here is made up;
the towns and postcode districts are real so that "courses near me" works."""

TOPICS = [
    {
        "slug": "understanding-recovery",
        "name": "Understanding recovery",
        "description": "What recovery can mean for you, and how to keep hope and take back control.",
    },
    {
        "slug": "wellbeing-and-lifestyle",
        "name": "Wellbeing and lifestyle",
        "description": "Sleep, food, stress and the small daily habits that help us feel better.",
    },
    {
        "slug": "living-with-a-mental-health-condition",
        "name": "Living with a mental health condition",
        "description": "Making sense of a diagnosis or experience, and finding ways to live well with it.",
    },
    {
        "slug": "carers-and-supporters",
        "name": "Carers and supporters",
        "description": "For family, friends and anyone supporting someone else's recovery.",
    },
    {
        "slug": "life-skills",
        "name": "Life skills",
        "description": "Confidence, getting online, housing and other everyday know-how.",
    },
    {
        "slug": "work-and-money",
        "name": "Work and money",
        "description": "Benefits, debt, budgeting and getting back into work or volunteering.",
    },
    {
        "slug": "creative-and-active",
        "name": "Creative and active",
        "description": "Writing, walking and other ways to express yourself and get moving.",
    },
    {
        "slug": "peer-support",
        "name": "Peer support",
        "description": "Using your own experience to support others, and being supported by peers.",
    },
]

# `outward_code` is not a model field: the builder uses it to look up the venue's approximate
# coordinates in geo/data/oxfordshire_outward_codes.csv.
LOCATIONS = [
    {
        "slug": "oxford-hub",
        "name": "Oxford hub",
        "kind": "hub",
        "outward_code": "OX1",
        "address": "Recovery College Hub\nThe Old Print Works\n12 Tanner's Yard\nOxford",
        "postcode": "OX1 1RC",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking": "No car park. Two blue badge spaces in Tanner's Yard; the nearest public car "
        "park is 5 minutes' walk.",
        "public_transport": "Oxford railway station is 10 minutes' walk. Most city buses stop on "
        "Queen Street, 5 minutes away.",
        "notes": "Press the buzzer by the green door and someone will come down to meet you. There "
        "is a lift, a quiet room on the first floor and free tea and coffee.",
    },
    {
        "slug": "abingdon",
        "name": "Abingdon: Riverside Community Rooms",
        "kind": "spoke",
        "outward_code": "OX14",
        "address": "Riverside Community Rooms\n3 Wharf Lane\nAbingdon",
        "postcode": "OX14 3RC",
        "step_free_access": True,
        "hearing_loop": None,
        "accessible_toilet": True,
        "parking": "Pay and display car park next door, free after 6pm.",
        "public_transport": "Buses from Oxford stop in the town centre, 5 minutes' walk away.",
        "notes": "We meet in the Kingfisher Room on the ground floor. Follow the signs from the main entrance.",
    },
    {
        "slug": "banbury",
        "name": "Banbury: Canalside Wellbeing Centre",
        "kind": "spoke",
        "outward_code": "OX16",
        "address": "Canalside Wellbeing Centre\n40 Lock Street\nBanbury",
        "postcode": "OX16 5RC",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking": "Small car park at the back, including one blue badge space.",
        "public_transport": "Banbury railway station and bus station are both about 8 minutes' walk.",
        "notes": "Ask at reception for the Recovery College room. There is a garden you can use in the breaks.",
    },
    {
        "slug": "witney",
        "name": "Witney: Windrush Library meeting room",
        "kind": "spoke",
        "outward_code": "OX28",
        "address": "Windrush Library\n7 Mill Green\nWitney",
        "postcode": "OX28 6RC",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": None,
        "parking": "Free town-centre car park across the road (3 hours).",
        "public_transport": "The S1 bus from Oxford stops outside.",
        "notes": "The meeting room is at the back of the library, past the children's section.",
    },
    {
        "slug": "didcot",
        "name": "Didcot: Orchard Community Centre",
        "kind": "spoke",
        "outward_code": "OX11",
        "address": "Orchard Community Centre\n22 Cherry Tree Road\nDidcot",
        "postcode": "OX11 7RC",
        "step_free_access": False,
        "hearing_loop": False,
        "accessible_toilet": False,
        "parking": "Free car park on site.",
        "public_transport": "Didcot Parkway station is 15 minutes' walk. Local buses stop on Broadway.",
        "notes": "Our room is up one flight of stairs and there is no lift. If stairs are hard for "
        "you, please call us: we can often move a course to the ground floor.",
    },
    {
        "slug": "bicester",
        "name": "Bicester: Market Square Rooms",
        "kind": "spoke",
        "outward_code": "OX26",
        "address": "Market Square Rooms\n5 Sheep Street Yard\nBicester",
        "postcode": "OX26 6RC",
        "step_free_access": True,
        "hearing_loop": None,
        "accessible_toilet": True,
        "parking": "No parking on site. Town-centre car parks are 5 minutes' walk.",
        "public_transport": "Bicester Village station is 10 minutes' walk. Buses stop in the Market Square.",
        "notes": "The entrance is down the side passage, next to the bakery.",
    },
    {
        "slug": "wantage",
        "name": "Wantage: Letcombe Rooms",
        "kind": "spoke",
        "outward_code": "OX12",
        "address": "Letcombe Rooms\n9 Brook Walk\nWantage",
        "postcode": "OX12 8RC",
        "step_free_access": None,
        "hearing_loop": None,
        "accessible_toilet": None,
        "parking": "On-street parking nearby; the Portway car park is 5 minutes' walk.",
        "public_transport": "Buses from Oxford, Didcot and Abingdon stop in the Market Place.",
        "notes": "This is a new venue for us. We are still checking its access: call us and we "
        "will tell you what we know.",
    },
]

EXPERIENCE, TRAINING = "experience", "training"

FACILITATORS = [
    {
        "name": "Jo Whitfield",
        "expertise": EXPERIENCE,
        "bio": "Jo lives with bipolar disorder. She first came to the college as a student and now "
        "helps to write and teach our recovery courses. She loves wild swimming and bad puns.",
    },
    {
        "name": "Marcus Bell",
        "expertise": EXPERIENCE,
        "bio": "Marcus went through a long spell of depression after losing his job. Getting back to "
        "work, slowly, is part of his story. He is a keen cook and a patient listener.",
    },
    {
        "name": "Aisha Rahman",
        "expertise": EXPERIENCE,
        "bio": "Aisha has lived with anxiety since she was a teenager. She enjoys sharing the small, "
        "practical things that help her, and she always brings biscuits.",
    },
    {
        "name": "Dave Kettering",
        "expertise": EXPERIENCE,
        "bio": "Dave found walking, cooking on a budget and sorting out his money were big parts of "
        "his recovery. He leads several of our walks and is happy to go at anyone's pace.",
    },
    {
        "name": "Lorna McBride",
        "expertise": EXPERIENCE,
        "bio": "Lorna cared for her son through several years of mental ill-health, and has her own "
        "experience of burnout. She knows how lonely caring can feel, and how much it helps to "
        "meet others.",
    },
    {
        "name": "Tom Ashby",
        "expertise": EXPERIENCE,
        "bio": "Tom has heard voices for over twenty years. Writing and poetry help him make sense of "
        "his experiences, and he is proud to be part of a local hearing voices group.",
    },
    {
        "name": "Grace Adeyemi",
        "expertise": EXPERIENCE,
        "bio": "Grace has experience of psychosis and of being in hospital. She is now a peer support "
        "worker and believes that everyone deserves hope.",
    },
    {
        "name": "Dr Helen Carter",
        "expertise": TRAINING,
        "bio": "Helen is a clinical psychologist who has worked in Oxfordshire's community mental "
        "health teams for many years. She enjoys teaching alongside people with lived "
        "experience.",
    },
    {
        "name": "Ravi Sharma",
        "expertise": TRAINING,
        "bio": "Ravi is an occupational therapist. He helps people build routines and do more of the "
        "things that matter to them, from sleeping better to getting online.",
    },
    {
        "name": "Claire Dobson",
        "expertise": TRAINING,
        "bio": "Claire is a mental health nurse with a background in crisis and home treatment teams. "
        "She is calm, kind and good at explaining things clearly.",
    },
    {
        "name": "Ben Taylor",
        "expertise": TRAINING,
        "bio": "Ben is a welfare benefits and housing adviser at a local charity. He has helped "
        "hundreds of people sort out benefits, debts and tenancy problems.",
    },
    {
        "name": "Fiona Grant",
        "expertise": TRAINING,
        "bio": "Fiona is an employment specialist. She supports people with mental health conditions "
        "to find, start and keep work or volunteering that suits them.",
    },
    {
        "name": "Nadia Hussain",
        "expertise": TRAINING,
        "bio": "Nadia is a registered dietitian. She believes healthy eating should be simple, "
        "cheap and enjoyable, and never about guilt.",
    },
    {
        "name": "Kate Linley",
        "expertise": TRAINING,
        "bio": "Kate is a counsellor and an experienced mindfulness teacher. She is gentle and "
        "practical, and she promises that nobody has to sit cross-legged.",
    },
]


def staff_email(name: str) -> str:
    """A made-up work address for staff use only (the model never shows it to students)."""
    local = name.removeprefix("Dr ").lower().replace(" ", ".")
    return f"{local}@recovery-college.example.org"


# Which venues in-person and blended runs cycle through: the hub hosts most courses.
VENUE_ROTATION = [
    "oxford-hub",
    "banbury",
    "abingdon",
    "oxford-hub",
    "witney",
    "didcot",
    "oxford-hub",
    "bicester",
    "wantage",
]
