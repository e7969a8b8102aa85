"""The columns of a report, in one list, so the page's summary table, its charts and the downloads
show the same figures under the same names.

On the page, coordinators see exact figures. In downloads, which leave the college, every count
from 1 to 4 reads "fewer than 5" (home.downloads.hide_small_count), and so does a rate or an
average worked out from 1 to 4 people or marks: "100%" of 2 people would give the count away."""

from dataclasses import dataclass

from enrolment.models.feedback import CHIME_STATEMENTS
from home.downloads import FEWER_THAN_FIVE, hide_small_count

from .figures import Mean, Rate, Row

COUNT, RATE, MEAN = "count", "rate", "mean"


@dataclass(frozen=True)
class Measure:
    key: str
    heading: str
    kind: str = COUNT
    chart: bool = False  # whether the page draws a chart of it

    def value(self, row: Row):
        """An int (or None where the split does not apply), a Rate or a Mean."""
        if self.key.startswith("chime:"):
            return row.chime(self.key.removeprefix("chime:"))
        return getattr(row, self.key)

    def shown(self, row: Row) -> str:
        """The exact figure as the page shows it."""
        value = self.value(row)
        if value is None:
            return "Not split this way"
        if isinstance(value, Rate):
            return "No figures yet" if value.percent is None else f"{value.percent}% ({value.part} of {value.whole})"
        if isinstance(value, Mean):
            return "No answers yet" if value.value is None else f"{value.value} ({value.count} answers)"
        return str(value)

    def in_download(self, row: Row):
        """The figure as a download holds it: small counts, and figures from them, hidden."""
        value = self.value(row)
        if value is None:
            return None
        if isinstance(value, Rate):
            return FEWER_THAN_FIVE if 1 <= value.whole <= 4 else value.percent
        if isinstance(value, Mean):
            return FEWER_THAN_FIVE if 1 <= value.count <= 4 else value.value
        return hide_small_count(value)

    def scale(self, row: Row) -> float | None:
        """The figure as a number to draw a bar from, or None where there is none."""
        value = self.value(row)
        if isinstance(value, Rate):
            return value.percent
        if isinstance(value, Mean):
            return value.value
        return value

    def short(self, row: Row) -> str:
        """The figure as a chart's table shows it beside its bar."""
        value = self.scale(row)
        if value is None:
            return "No figures yet" if self.kind != COUNT else "Not split this way"
        return f"{value}%" if self.kind == RATE else str(value)


MEASURES = [
    Measure("runs", "Runs held"),
    Measure("runs_cancelled", "Runs cancelled"),
    Measure("enrolments", "Enrolments", chart=True),
    Measure("enrolments_cancelled", "Enrolments later cancelled"),
    Measure("unique_students", "Unique students", chart=True),
    Measure("new_students", "New students", chart=True),
    Measure("attendance_rate", "Attendance rate", RATE, chart=True),
    Measure("marks", "Attendance marks"),
    Measure("walk_ins", "Walk-ins"),
    Measure("completion_rate", "Completion rate", RATE, chart=True),
    Measure("starters", "Starters on ended runs"),
    Measure("completers", "Completers"),
    Measure("no_shows", "No-shows", chart=True),
    Measure("unmet_demand", "Unmet demand (waited, never placed)", chart=True),
    Measure("answers", "Feedback answers"),
    Measure("fft_positive", "Friends and Family Test: very good or good", RATE, chart=True),
    *(Measure(f"chime:{name}", f"CHIME average: {text}", MEAN, chart=True) for name, text in CHIME_STATEMENTS),
]


@dataclass(frozen=True)
class SummaryLine:
    heading: str
    figures: list[str]  # one per row of the report, total first


def summary(rows: list[Row]) -> list[SummaryLine]:
    """The page's summary table: a line per measure, a column per group (total first), which
    reads down a phone screen better than a column per measure."""
    return [SummaryLine(measure.heading, [measure.shown(row) for row in rows]) for measure in MEASURES]
