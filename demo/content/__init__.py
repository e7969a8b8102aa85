"""What the demo college says: its pages, places, people and courses. Data only; the code that
writes it to the database is in `demo/builder.py` and the modules it calls."""

from html import escape


def ul(*items: str) -> str:
    """A rich-text bullet list from plain-text items."""
    return "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>"


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in texts)


def text_blocks(*html: str) -> list[dict]:
    """StreamField data made of rich-text blocks."""
    return [{"type": "text", "value": value} for value in html]
