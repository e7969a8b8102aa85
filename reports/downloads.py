"""A report as a file to download (CSV or XLSX through home.downloads, which neutralises cells a
spreadsheet would run as formulas). The rows are the page's summary table, but every count from 1
to 4, and every rate or average worked out from 1 to 4, reads "fewer than 5" (measures.py)."""

from home.downloads import Table

from .figures import Report, Split
from .measures import MEAN, MEASURES, RATE

SUFFIX = {RATE: " (%)", MEAN: " (1 to 5)"}


def report_table(report: Report) -> Table:
    """The summary table as it may leave the college: the period on every row, so a sheet copied
    elsewhere still says what it covers."""
    group = "Group" if report.split == Split.NONE else report.split_label.split(" (")[0]
    headings = ["Period", group] + [measure.heading + SUFFIX.get(measure.kind, "") for measure in MEASURES]
    rows = [
        [report.period.label, row.label] + [measure.in_download(row) for measure in MEASURES] for row in report.rows
    ]
    return Table(headings, rows)


def file_words(report: Report) -> list[str]:
    """What the file is called (before the day it was made): the report, its period and split."""
    period = report.period
    when = period.term.name if period.term else f"{period.starts_on:%Y-%m-%d} to {period.ends_on:%Y-%m-%d}"
    words = ["report", when]
    if report.split != Split.NONE:
        words.append(f"by {report.split.replace('_', ' ')}")
    return words
