"""Turning what a student types into a place, and measuring how far away courses are.

No outbound calls: postcodes resolve through the OutwardCode table (see models.py), which is
accurate to a postcode district: plenty for "which venue is nearest", and it means the full
postcode a student types never needs to be stored or sent anywhere."""

import math
import re
from dataclasses import dataclass
from enum import Enum

from .models import OutwardCode

# The outward code of a UK postcode: area letters, district digit(s), optional letter. The inward
# code (digit + two letters) is optional so "OX4" works as well as "OX4 1AA".
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$")
EARTH_RADIUS_MILES = 3958.8

ATTRIBUTION = (
    "Postcode locations contain OS data © Crown copyright and database right, Royal Mail data "
    "© Royal Mail copyright and database right, and National Statistics data © Crown copyright "
    "and database right, used under the Open Government Licence v3.0."
)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


class Lookup(Enum):
    FOUND = "found"
    INVALID = "invalid"  # not shaped like a UK postcode
    UNKNOWN = "unknown"  # shaped like one, but not a district we know


@dataclass(frozen=True)
class PostcodeResult:
    status: Lookup
    outward_code: str = ""
    point: Point | None = None


def outward_code(text: str) -> str | None:
    """'ox4 1aa' -> 'OX4'; 'OX41AA' -> 'OX4'; 'OX4' -> 'OX4'; anything else -> None."""
    cleaned = re.sub(r"\s+", " ", (text or "").strip().upper())
    if len(cleaned) > 8:
        return None
    match = POSTCODE_RE.match(cleaned)
    if not match:
        return None
    return match.group(1)


def locate_postcode(text: str) -> PostcodeResult:
    code = outward_code(text)
    if code is None:
        return PostcodeResult(Lookup.INVALID)
    row = OutwardCode.objects.filter(code=code).values("latitude", "longitude").first()
    if row is None:
        return PostcodeResult(Lookup.UNKNOWN, code)
    return PostcodeResult(Lookup.FOUND, code, Point(row["latitude"], row["longitude"]))


def distance_miles(a: Point, b: Point) -> float:
    """Great-circle distance (haversine): as the crow flies, which is what we promise on screen."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))
