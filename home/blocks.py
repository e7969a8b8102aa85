"""The StreamField blocks editors may use in page bodies: NHS.UK components from
wagtail-nhsuk-frontend plus rich text. One list, so every page offers the same palette."""

from wagtail import blocks
from wagtailnhsukfrontend.blocks import (
    ActionLinkBlock,
    CareCardBlock,
    DetailsBlock,
    DoBlock,
    DontBlock,
    ExpanderGroupBlock,
    ImageBlock,
    InsetTextBlock,
    SummaryListBlock,
    WarningCalloutBlock,
)

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def body_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES)),
        ("action_link", ActionLinkBlock()),
        ("inset_text", InsetTextBlock()),
        ("warning_callout", WarningCalloutBlock()),
        ("care_card", CareCardBlock()),
        ("details", DetailsBlock()),
        ("expander_group", ExpanderGroupBlock()),
        ("do_list", DoBlock()),
        ("dont_list", DontBlock()),
        ("summary_list", SummaryListBlock()),
        ("image", ImageBlock()),
    ]
