"""What every email carries around its message: the college's name and how to reach it, where to
get help right now (the same crisis text as every web page), and how to stop reminders."""

import html
import re

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from home.models import CollegeSettings, CrisisSupportSettings

# Email clients ignore style sheets, so the crisis text's tags get their styles inline.
TAG_STYLES = {
    "p": "margin:0 0 12px;",
    "ul": "margin:0 0 12px;padding-left:20px;",
    "li": "margin:0 0 8px;",
    "a": "color:#005eb8;text-decoration:underline;",
}


def contact_us(college: CollegeSettings) -> str:
    """Ends a sentence such as 'please ...': whatever ways to reach us the college has set."""
    ways = []
    if college.phone:
        ways.append(f"call us on {college.phone}")
    if college.email:
        ways.append(f"email {college.email}" if ways else f"email us at {college.email}")
    return " or ".join(ways) or "reply to this email"


def frame(links, *, student=None) -> dict:
    college = CollegeSettings.load()
    crisis = CrisisSupportSettings.load()
    crisis_html = _absolute_links(expand_db_html(crisis.text))
    return {
        "college_name": college.name,
        "college_phone": college.phone,
        "college_phone_hours": college.phone_hours,
        "college_email": college.email,
        "contact_us": contact_us(college),
        "crisis_heading": crisis.heading,
        "crisis_html": mark_safe(_styled(crisis_html)),
        "crisis_text": html_to_text(crisis_html),
        "my_courses_url": links.my_courses(),
        "stop_url": links.stop_reminders(),
        "reminders_off": bool(student and student.reminders_off),
    }


def college_values(context: dict) -> dict[str, str]:
    return {name: context[name] for name in ("college_name", "college_phone", "college_email", "contact_us")}


def _absolute_links(markup: str) -> str:
    return re.sub(r'href="/', f'href="{settings.SITE_URL}/', markup)


def _styled(markup: str) -> str:
    return re.sub(r"<(p|ul|li|a)([\s>])", lambda m: f'<{m[1]} style="{TAG_STYLES[m[1]]}"{m[2]}', markup)


def html_to_text(markup: str) -> str:
    """Staff's rich text as plain text: list items as '- ' lines, links with their address."""

    def link(match):
        url, label = match[1], strip_tags(match[2])
        return label if url in label or url.startswith("tel:") else f"{label} ({url})"

    text = re.sub(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', link, markup, flags=re.S)
    text = re.sub(r"<li[^>]*>", "- ", text)
    text = re.sub(r"</(p|li|ul|ol|h\d)>|<br\s*/?>", "\n", text)
    lines = [" ".join(line.split()) for line in html.unescape(strip_tags(text)).splitlines()]
    return "\n".join(line for line in lines if line)
