"""The equality monitoring questions and their answers: the 2021 Census (ONS) categories that NHS
and public bodies use, so a college's figures can be set beside local and national ones. Every
question is optional and every one has "Prefer not to say".

Plain data: the model's fields, the student's form and the report all read this one list, so a
question cannot be asked in one set of words and counted under another."""

from dataclasses import dataclass

PREFER_NOT = "prefer_not"
PREFER_NOT_WORDS = "Prefer not to say"


@dataclass(frozen=True)
class Question:
    name: str  # the field on EqualityResponse and on the form
    setting: str  # the EqualitySettings switch that turns it on
    heading: str  # what staff read in the report and the settings
    text: str  # what the student is asked
    answers: list[tuple[str, str]]  # (stored code, words), "Prefer not to say" last


def _with_prefer_not(*answers: tuple[str, str]) -> list[tuple[str, str]]:
    return [*answers, (PREFER_NOT, PREFER_NOT_WORDS)]


QUESTIONS = [
    Question(
        "age_band",
        "ask_age_band",
        "Age",
        "How old are you?",
        _with_prefer_not(
            ("18-24", "18 to 24"),
            ("25-34", "25 to 34"),
            ("35-44", "35 to 44"),
            ("45-54", "45 to 54"),
            ("55-64", "55 to 64"),
            ("65-74", "65 to 74"),
            ("75+", "75 or over"),
        ),
    ),
    # Only the category: a self-described gender is free text, and a rare answer in someone's own
    # words could pick them out of any report.
    Question(
        "gender",
        "ask_gender",
        "Gender",
        "Which of these best describes your gender?",
        _with_prefer_not(
            ("woman", "Woman"),
            ("man", "Man"),
            ("non_binary", "Non-binary"),
            ("another_term", "I use another term"),
        ),
    ),
    # The five ONS 2021 headings, not the 19 detailed groups under them: a college sees tens or
    # hundreds of students a term, so 19 groups would be mostly "fewer than 5" (nothing learned),
    # and each small group would make a person easier to pick out.
    Question(
        "ethnicity",
        "ask_ethnicity",
        "Ethnic group",
        "What is your ethnic group?",
        _with_prefer_not(
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("white", "White"),
            ("other", "Other ethnic group"),
        ),
    ),
    Question(
        "disability",
        "ask_disability",
        "Disability or long-term health condition",
        "Do you consider yourself to have a disability or long-term health condition?",
        _with_prefer_not(("yes", "Yes"), ("no", "No")),
    ),
    Question(
        "sexual_orientation",
        "ask_sexual_orientation",
        "Sexual orientation",
        "Which of these best describes your sexual orientation?",
        _with_prefer_not(
            ("straight", "Straight or heterosexual"),
            ("gay_lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"),
            ("other", "Other sexual orientation"),
        ),
    ),
]

LONGEST_CODE = max(len(code) for question in QUESTIONS for code, _ in question.answers)
BY_NAME = {question.name: question for question in QUESTIONS}
