"""Charts for the report page: a bar per group, drawn in HTML and CSS (no script, no canvas), so
they print, zoom and reflow like text. Screen readers skip the bars (aria-hidden) and read the
table beside each chart, which holds the same figures."""

from dataclasses import dataclass

from .figures import Report
from .measures import COUNT, MEAN, MEASURES, RATE, Measure


@dataclass(frozen=True)
class Bar:
    label: str
    figure: str  # as the table beside it shows it
    width: int  # percentage of the chart's width


@dataclass(frozen=True)
class Chart:
    slug: str
    caption: str
    unit: str  # what the figures are, for the table's heading
    bars: list[Bar]


UNITS = {COUNT: "Number", RATE: "Percentage", MEAN: "Average (1 to 5)"}


def _width(value, measure: Measure, largest) -> int:
    if value is None:
        return 0
    if measure.kind == RATE:
        return round(value)
    if measure.kind == MEAN:
        return round(100 * value / 5)
    return round(100 * value / largest) if largest else 0


def charts(report: Report) -> list[Chart]:
    """One chart per charted measure: a bar per group, or a single bar for the whole college when
    the report is not split (the total row is left out of a split's chart: it would dwarf the rest)."""
    rows = report.groups or [report.total]
    made = []
    for measure in MEASURES:
        if not measure.chart:
            continue
        values = [measure.scale(row) for row in rows]
        largest = max((value for value in values if value is not None), default=0)
        caption = measure.heading
        if report.groups:
            caption += f", by {report.split_label.split(' (')[0].lower()}"
        made.append(
            Chart(
                slug=measure.key.replace(":", "-").replace("_", "-"),
                caption=f"{caption}: {report.period.label}",
                unit=UNITS[measure.kind],
                bars=[
                    Bar(row.label, measure.short(row), _width(value, measure, largest))
                    for row, value in zip(rows, values, strict=True)
                ],
            )
        )
    return made
