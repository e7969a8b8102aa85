"""The words of the demo's past term: why people gave up their places, who walked in, and what
students said afterwards. Made up, in the plain, kind words students and staff use."""

CANCELLATION_REASONS = (
    "Phoned to say they have started a new job on that day.",
    "Not well enough at the moment. They would like to try again next term.",
    "It clashes with a hospital appointment.",
    "Caring for a family member who is unwell.",
    "Moved out of the area.",
)

WALK_INS = ("Sam Okafor", "Bethan Price")

# The NHS Friends and Family Test answers and how often each is given (out of 40).
EXPERIENCE_WEIGHTS = {
    "very_good": 22,
    "good": 12,
    "neither": 2,
    "poor": 1,
    "very_poor": 1,
    "dont_know": 2,
}

WHAT_HELPED = (
    "Hearing from someone who has been through it too.",
    "The facilitators were kind and never rushed us.",
    "It was a small group, so I felt able to speak.",
    "The handouts. I have put the sleep one on my fridge.",
    "Knowing I could step out when I needed to.",
    "Meeting people who understand. I did not feel alone.",
    "Tips I could try the same week.",
    "Being asked what I wanted to get out of it.",
)

COULD_DO_BETTER = (
    "The room was a bit cold.",
    "More time for questions at the end, please.",
    "It was hard to find the room the first week. A sign would help.",
    "I would have liked one more session.",
    "Send the handouts before the session so I can read them at my own pace.",
)

# How far students agree with the CHIME statements (1 strongly disagree to 5 strongly agree):
# mostly agreeing, as recovery college evaluations find, with some who do not.
AGREEMENT_SPREAD = (5, 5, 4, 4, 4, 4, 3, 3, 2)
