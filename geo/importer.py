"""Build outward-code centres from the ONS Postcode Directory (ONSPD) or the National
Statistics Postcode Lookup (NSPL): free downloads under the Open Government Licence.

Both are CSV files with one row per postcode and the columns `pcds` (postcode with a space),
`lat`, `long` and `doterm` (the date a postcode was retired, blank while it is live). We average
the live postcodes of each district. Rows without a location carry lat 99.999999 and are skipped.
"""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction

from .models import OutwardCode
from .services import outward_code

NO_LOCATION_LATITUDE = 99.0  # ONSPD marks "no grid reference" with 99.999999


@dataclass
class Centre:
    latitude_total: float = 0.0
    longitude_total: float = 0.0
    count: int = 0

    def add(self, latitude: float, longitude: float) -> None:
        self.latitude_total += latitude
        self.longitude_total += longitude
        self.count += 1


def read_postcode_rows(lines: Iterable[str]) -> Iterator[tuple[str, float, float]]:
    """Yield (outward code, latitude, longitude) for each live, located postcode."""
    reader = csv.DictReader(lines)
    missing = {"lat", "long"} - set(reader.fieldnames or [])
    if missing or not {"pcds", "pcd"} & set(reader.fieldnames or []):
        raise ValueError("This does not look like an ONSPD or NSPL file: it needs the columns pcds, lat and long.")
    for row in reader:
        if (row.get("doterm") or "").strip():
            continue
        try:
            latitude, longitude = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            continue
        if latitude >= NO_LOCATION_LATITUDE:
            continue
        code = outward_code(row.get("pcds") or row.get("pcd") or "")
        if code:
            yield code, latitude, longitude


def aggregate(rows: Iterable[tuple[str, float, float]]) -> dict[str, Centre]:
    centres: dict[str, Centre] = {}
    for code, latitude, longitude in rows:
        centres.setdefault(code, Centre()).add(latitude, longitude)
    return centres


@transaction.atomic
def save_centres(centres: dict[str, Centre], *, source: str) -> int:
    """Replace the stored centre of each district given; districts not given are left alone."""
    OutwardCode.objects.filter(code__in=centres).delete()
    OutwardCode.objects.bulk_create(
        [
            OutwardCode(
                code=code,
                latitude=round(centre.latitude_total / centre.count, 6),
                longitude=round(centre.longitude_total / centre.count, 6),
                postcode_count=centre.count,
                source=source,
            )
            for code, centre in centres.items()
        ],
        batch_size=1000,
    )
    return len(centres)


def add_approximate_centres(lines: Iterable[str], *, source: str) -> int:
    """Add hand-made `code,latitude,longitude` rows (the demo's county) for districts the table
    does not have yet, so figures from a real ONSPD import are never overwritten. Returns how many."""
    known = set(OutwardCode.objects.values_list("code", flat=True))
    rows = [row for row in csv.DictReader(lines) if row["code"].strip().upper() not in known]
    OutwardCode.objects.bulk_create(
        OutwardCode(
            code=row["code"].strip().upper(),
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            postcode_count=0,
            source=source,
        )
        for row in rows
    )
    return len(rows)
