"""Reading a page as a person does and measuring its words: the bars (Flesch reading ease 60 or
more, Flesch-Kincaid grade 6 or less, no sentence over 25 words), the reader of <main>'s visible
text, what looks alarming, and what an error message must sound like. Used by
tests/test_plain_english.py and by every test that holds a page to the same bar."""

import re

import textstat
from bs4 import BeautifulSoup, NavigableString, Tag

READING_EASE_AT_LEAST = 60
GRADE_AT_MOST = 6
LONGEST_SENTENCE_WORDS = 25  # GOV.UK's limit; a page's average can hide one long sentence

BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "label",
    "legend",
    "button",
    "summary",
    "caption",
    "th",
    "td",
    "div",
    "section",
    "form",
    "fieldset",
    "ul",
    "ol",
    "dl",
    "nav",
    "table",
    "tr",
    "details",
    "figure",
    "figcaption",
}
UNREAD = {"script", "style", "template", "select", "textarea", "input"}


def hidden(tag: Tag) -> bool:
    classes = tag.get("class") or []
    return (
        tag.name in UNREAD
        or tag.has_attr("hidden")
        or tag.get("aria-hidden") == "true"
        or "nhsuk-u-visually-hidden" in classes
        or "college-hp" in classes
    )


def chunks(element: Tag):
    """The element's visible text, one string per block (paragraph, list item, label...)."""
    words: list[str] = []
    for child in element.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment
                words.append(str(child))
        elif hidden(child):
            continue
        elif child.name in BLOCKS or child.find(BLOCKS):
            yield " ".join(words)
            words = []
            yield from chunks(child)
        else:
            words.append(" ".join(chunks(child)))
    yield " ".join(words)


def main_text(html: str) -> str:
    """<main>'s visible text as sentences: a block without a full stop of its own gets one."""
    main = BeautifulSoup(html, "html.parser").find("main")
    sentences = []
    for chunk in chunks(main):
        text = re.sub(r"\s+([.,:;!?])", r"\1", re.sub(r"\s+", " ", chunk)).strip()
        if text:
            sentences.append(text if text[-1] in ".!?" else f"{text}.")
    return "\n".join(sentences)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def heading(html: str) -> str:
    h1 = BeautifulSoup(html, "html.parser").find("main").find("h1")
    return " ".join(h1.get_text().split()) if h1 else ""


def longest_sentence(text: str) -> str:
    return max(sentences(text), key=lambda sentence: len(sentence.split()), default="")


def reading(html: str) -> tuple[float, float, int, str]:
    text = main_text(html)
    return (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text), textstat.lexicon_count(text), text)


# Red and warning styles mean something is wrong. A full course, a closed one or an offer that ran
# out is news, not an alarm; only a form's mistakes are shown in red. (The "Need help now?" panel
# is outside <main>, on every page: NHS.UK's urgent care card, for urgent help.)
ALARMING = re.compile(r"error|warning|urgent|emergency|--red|--orange")


def alarming(html: str) -> list[str]:
    main = BeautifulSoup(html, "html.parser").find("main")
    return sorted({cls for tag in main.find_all(class_=ALARMING) for cls in tag["class"] if ALARMING.search(cls)})


# Error messages: NHS.UK style says what went wrong and how to fix it ("Enter your first name"),
# never Django's own ("This field is required.", "Ensure this value has at most 10 characters").

DJANGO_WORDING = [
    "This field is required",
    "Ensure this value",
    "valid choice",
    "Enter a valid",
    "Enter a whole number",
    "Enter a number",
    "is not one of the available choices",
]
SAYS_HOW_TO_FIX_IT = re.compile(
    r"^(Enter|Select|Choose|Tick|Tell us|Give|Search for) "  # what to do
    r"|^[A-Z][\w' ]* must (be|only include) "  # what it must be
    r"|^The '[\w ]+' date must be "
    r"|^We could not use your location\. Try a postcode instead\.$"
)
