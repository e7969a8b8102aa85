"""The demo's snippets (topics, venues, facilitators) and the postcode districts that let
students list courses by distance."""

import csv
from collections import Counter
from pathlib import Path

from django.apps import apps

from courses.models import Facilitator, Location, Topic
from geo.importer import add_approximate_centres

from .content.catalogue import FACILITATORS, LOCATIONS, TOPICS, staff_email
from .records import find_or_create

CENTRES_SOURCE = "Demo: approximate centres"


def centres_file() -> Path:
    return Path(apps.get_app_config("geo").path) / "data" / "oxfordshire_outward_codes.csv"


def approximate_centres() -> dict[str, tuple[float, float]]:
    with centres_file().open(newline="", encoding="utf-8") as lines:
        return {row["code"]: (float(row["latitude"]), float(row["longitude"])) for row in csv.DictReader(lines)}


def ensure_postcode_districts(created: Counter) -> None:
    """Add the demo's approximate district centres where the table has none (see geo.importer)."""
    with centres_file().open(newline="", encoding="utf-8") as lines:
        added = add_approximate_centres(lines, source=CENTRES_SOURCE)
    if added:
        created["postcode districts"] += added


def ensure_topics(created: Counter) -> dict[str, Topic]:
    return {
        topic["slug"]: find_or_create(
            Topic,
            {"slug": topic["slug"]},
            {"name": topic["name"], "description": topic["description"]},
            created,
            "topics",
        )
        for topic in TOPICS
    }


def ensure_locations(created: Counter) -> dict[str, Location]:
    """Venues sit at the approximate centre of their postcode district: close enough to order
    courses by distance, and never a guess at a real building."""
    centres = approximate_centres()
    locations = {}
    for venue in LOCATIONS:
        fields = {key: value for key, value in venue.items() if key not in {"slug", "outward_code"}}
        fields["latitude"], fields["longitude"] = centres[venue["outward_code"]]
        locations[venue["slug"]] = find_or_create(Location, {"slug": venue["slug"]}, fields, created, "locations")
    return locations


def ensure_facilitators(created: Counter) -> dict[str, Facilitator]:
    return {
        person["name"]: find_or_create(
            Facilitator,
            {"name": person["name"]},
            {"expertise": person["expertise"], "bio": person["bio"], "contact_email": staff_email(person["name"])},
            created,
            "facilitators",
        )
        for person in FACILITATORS
    }
