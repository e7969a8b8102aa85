"""The subject access download: what privacy.access collects, as a ZIP built in memory.

Inside: one JSON file per section (details.json, enrolments.json...), for anyone who wants the
data itself; summary.html, one page a person can open in any browser and read (headings, tables
with captions, no outside styles or scripts, so it works offline and years from now); and
README.txt saying what each file is and when it was made. A PDF is not needed: the HTML page
prints well, and a screen reader reads it, which a PDF drawn with reportlab would not."""

import datetime as dt
import io
import json
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from home.models import CollegeSettings
from home.templatetags.site_tags import nhs_day_and_time, nhs_time

from .access import everything_held

# A section with more columns than this reads better as one small table per record.
WIDE = 6
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


def filename(student_id: int, made_at: dt.datetime) -> str:
    return f"subject-access-student-{student_id}-{timezone.localdate(made_at).isoformat()}.zip"


def shown(value) -> str:
    """A value as a person reads it in the summary: Yes or No, dates in words, blanks left blank."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        if DATE.match(value):
            return dateformat.format(dt.date.fromisoformat(value), "j F Y")
        if MOMENT.match(value):
            return nhs_day_and_time(dt.datetime.fromisoformat(value))
        if TIME.match(value):
            return nhs_time(dt.time.fromisoformat(value))
    return str(value)


def _for_summary(sections: dict) -> list[dict]:
    """Each section with its rows as (label, shown value) pairs, and whether it is wide."""
    out = []
    for name, section in sections.items():
        labels = section["labels"]
        records = [
            {
                # A record's own table is captioned with its course when it has one.
                "caption": f"{section['title']}: {row['course']}" if row.get("course") else section["title"],
                "cells": [(labels.get(key, key), shown(value)) for key, value in row.items()],
            }
            for row in section["rows"]
        ]
        out.append({**section, "name": name, "records": records, "wide": len(labels) > WIDE or name == "details"})
    return out


def readme(sections: dict, *, student_id: int, made_at: dt.datetime, college: str) -> str:
    lines = [
        f"Everything {college} holds about student {student_id}",
        f"Made on {nhs_day_and_time(made_at)} (UK time).",
        "",
        "summary.html: all of it on one page you can read in any web browser, or print.",
        "",
        "The same information as data, one file a section (JSON, which many programs can read):",
    ]
    for name, section in sections.items():
        count = len(section["rows"])
        lines.append(f"- {name}.json: {section['title']} ({count} {'record' if count == 1 else 'records'}).")
        lines.append(f"  {section['about']}")
    lines += [
        "",
        "Dates and times are UK time. Staff are not named: each is written as 'A member of staff'.",
        "Answers to the optional equality questions are kept apart from your name and cannot be linked",
        "back to you, so they are not here.",
        "",
    ]
    return "\n".join(lines)


def build_zip(student_id: int, *, made_at: dt.datetime | None = None, for_student: bool = False) -> bytes:
    made_at = made_at or timezone.now()
    sections = everything_held(student_id, for_student=for_student)
    college = CollegeSettings.load().name or "the college"
    details = sections["details"]["rows"][0]
    name = f"{details.get('first_name') or ''} {details.get('last_name') or ''}".strip()
    summary = render_to_string(
        "privacy/summary.html",
        {
            "college": college,
            "name": name,
            "made_at": nhs_day_and_time(made_at),
            "sections": _for_summary(sections),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(sections, student_id=student_id, made_at=made_at, college=college))
        archive.writestr("summary.html", summary)
        for section_name, section in sections.items():
            archive.writestr(f"{section_name}.json", json.dumps(section, indent=2, ensure_ascii=False))
    return buffer.getvalue()
