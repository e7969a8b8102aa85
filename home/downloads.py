"""Files staff download (registers, lists, reports): the same table as CSV or as XLSX, safe to open
in a spreadsheet program, and sent so that no copy is kept on the way.

Safe to open: a cell that starts with = + - or @ is read as a formula by Excel, LibreOffice and
Google Sheets, and a formula can send the rest of the sheet to a web address or run a program. A
student types their own name and support needs, so anyone could put one there. As OWASP's "CSV
injection" advice says, such a cell gets a single quote in front, which makes the program show it
as text. Tab and carriage return count too, because some programs skip them before looking.

Small counts: in figures about groups of people, 1 to 4 can be enough to tell who someone is, so
reports show them as "fewer than 5" (`hide_small_count`).

Names of files say what the file holds and the day it was made, never whose details are in it:
a Downloads folder is seen by whoever uses the computer next.

This module imports no app of ours, so any app's downloads can use it."""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters other than tab, line feed and carriage return: XLSX (XML) cannot hold them, so
# openpyxl refuses the whole file. They mean nothing to a reader, so they are dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FEWER_THAN_FIVE = "fewer than 5"

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
XLSX_DATE = "d mmm yyyy"
XLSX_MOMENT = "d mmm yyyy hh:mm"


@dataclass
class Table:
    """A heading row and the rows under it. Cells are text, numbers, dates or None (empty)."""

    headings: list[str]
    rows: list[list] = field(default_factory=list)


def neutralise(value):
    """Text that a spreadsheet program would run as a formula, made to show as typed: "=1+1" becomes
    "'=1+1". Anything that is not text (a number, a date) is returned as it is."""
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def hide_small_count(count: int):
    """A count as a report may show it: 1 to 4 become "fewer than 5", so nobody can be picked out of
    a small group. 0 and 5 or more stay as they are."""
    return FEWER_THAN_FIVE if 1 <= count <= 4 else count


def _local(value):
    """Times as staff read them: in the college's time zone (London), without a zone, because a
    spreadsheet cannot hold one."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv_cell(value):
    value = _local(neutralise(value))
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if value is None:
        return ""
    return value


def as_csv(table: Table) -> bytes:
    """The table as CSV, UTF-8 with a byte order mark so that Excel reads names like "Zoë" right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(heading) for heading in table.headings])
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def _xlsx_cell(sheet, value, *, bold: bool = False) -> WriteOnlyCell:
    value = _local(neutralise(value))
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":  # neutralise() leaves none; this is the last line of defence
        cell.data_type = "s"
    if isinstance(value, dt.datetime):
        cell.number_format = XLSX_MOMENT
    elif isinstance(value, dt.date):
        cell.number_format = XLSX_DATE
    if bold:
        cell.font = Font(bold=True)
    return cell


def as_xlsx(table: Table, *, sheet_title: str = "Sheet1") -> bytes:
    """The table as an Excel workbook of one sheet, headings in bold. Written a row at a time
    (openpyxl's write-only mode), so a long list does not hold every cell in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\\/*?:\[\]]", " ", sheet_title)[:31] or "Sheet1")
    sheet.append([_xlsx_cell(sheet, heading, bold=True) for heading in table.headings])
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def safe_filename(*words: str, file_format: str, today: dt.date | None = None) -> str:
    """'register', 'run 12' -> 'register-run-12-2026-12-02.csv': plain ASCII letters, digits and
    hyphens (safe in any browser and file system) and the day it was made. Give words that say what
    the file is, never a person's name."""
    today = today or timezone.localdate()
    stem = "-".join(filter(None, (slugify(word) for word in words)))[:80].strip("-") or "download"
    return f"{stem}-{today:%Y-%m-%d}.{file_format}"


def download(table: Table, *words: str, file_format: str, sheet_title: str = "Sheet1") -> HttpResponse:
    """A response that saves `table` as a file named from `words` (see safe_filename), and that no
    browser cache or proxy keeps: these files hold people's details."""
    if file_format == CSV:
        body = as_csv(table)
    elif file_format == XLSX:
        body = as_xlsx(table, sheet_title=sheet_title)
    else:
        raise ValueError(f"Unknown download format {file_format!r}")
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(*words, file_format=file_format)
    )
    add_never_cache_headers(response)
    return response


class SafeSpreadsheetExportMixin:
    """For a Wagtail listing (an IndexView) with `list_export`: its own "Download CSV" and "Download
    XLSX" files get the same neutralising as ours (Wagtail keeps XLSX cells from being formulas, but
    writes CSV cells as typed), times in London time, a dated file name, and no caching."""

    def preprocess_field_value(self, field, value, export_format):
        # Times as ours are: London time, to the minute (Wagtail writes UTC, and CSV to the microsecond).
        value = _local(value)
        if export_format == CSV and isinstance(value, dt.datetime):
            return f"{value:%Y-%m-%d %H:%M}"
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise(super().get_heading(queryset, field))

    def get_filename(self):
        return f"{super().get_filename()}-{timezone.localdate():%Y-%m-%d}"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        add_never_cache_headers(response)
        return response
