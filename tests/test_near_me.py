"""Near me: postcodes resolve through the outward-code table; runs are ordered by distance."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from courses.models import CourseRun
from geo.models import OutwardCode
from geo.services import Lookup, Point, distance_miles, locate_postcode, outward_code

from .factories import make_course, make_location, make_run

SAMPLE = Path(__file__).parent / "fixtures" / "onspd_sample.csv"
SOON = timezone.localdate() + dt.timedelta(days=10)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("OX4 1AA", "OX4"),
        ("ox41aa", "OX4"),
        ("  OX4   1AA ", "OX4"),
        ("OX4", "OX4"),
        ("ox16", "OX16"),
        ("SW1A 1AA", "SW1A"),
        ("W1A 0AX", "W1A"),
        ("M1 1AE", "M1"),
        ("", None),
        ("12345", None),
        ("OX4 1AAA", None),
        ("<script>", None),
        ("OX4 1A", None),
        ("X" * 50, None),
    ],
)
def test_outward_code_is_read_from_what_people_type(typed, expected):
    assert outward_code(typed) == expected


def test_distance_between_oxford_and_banbury_is_about_twenty_miles():
    assert 20 < distance_miles(Point(51.752, -1.258), Point(52.061, -1.336)) < 23


def test_import_command_averages_live_postcodes_per_district(db):
    call_command("import_outward_codes", str(SAMPLE), source="ONSPD sample")
    ox1 = OutwardCode.objects.get(code="OX1")
    # The retired OX1 9ZZ and the unlocated ZZ9 9ZZ are left out.
    assert (ox1.latitude, ox1.longitude, ox1.postcode_count) == (51.752, -1.258, 2)
    assert OutwardCode.objects.get(code="OX16").postcode_count == 1
    assert not OutwardCode.objects.filter(code="ZZ9").exists()
    assert ox1.source == "ONSPD sample"
    call_command("import_outward_codes", str(SAMPLE))  # a second import replaces, never duplicates
    assert OutwardCode.objects.count() == 2


def test_import_command_explains_a_wrong_file(db, tmp_path):
    wrong = tmp_path / "not-onspd.csv"
    wrong.write_text("name,age\nAlex,40\n")
    with pytest.raises(CommandError, match="needs the columns pcds, lat and long"):
        call_command("import_outward_codes", str(wrong))
    with pytest.raises(CommandError, match="No file"):
        call_command("import_outward_codes", str(tmp_path / "missing.csv"))


def test_locate_postcode_tells_invalid_from_unknown(db):
    OutwardCode.objects.create(code="OX4", latitude=51.735, longitude=-1.215, source="test")
    assert locate_postcode("ox4 2ab").point == Point(51.735, -1.215)
    assert locate_postcode("not a postcode").status is Lookup.INVALID
    assert locate_postcode("EH1 1AA").status is Lookup.UNKNOWN


@pytest.fixture
def county_runs(course_index):
    OutwardCode.objects.create(code="OX16", latitude=52.06, longitude=-1.34, source="test")
    OutwardCode.objects.create(code="OX14", latitude=51.67, longitude=-1.28, source="test")
    places = {
        "Oxford": make_location("Oxford hub", latitude=51.752, longitude=-1.258),
        "Banbury": make_location("Banbury", latitude=52.061, longitude=-1.336),
        "Abingdon": make_location("Abingdon", latitude=51.671, longitude=-1.282),
    }
    course = make_course(course_index, "Building confidence")
    runs = {
        name: make_run(course, location=loc, first_date=SOON + dt.timedelta(days=n))
        for n, (name, loc) in enumerate(places.items())
    }
    runs["Online"] = make_run(course, format=CourseRun.Format.ONLINE, first_date=SOON - dt.timedelta(days=5))
    return runs


def places_in_order(response) -> list[str]:
    return ["Online" if run.is_online else run.location.name for run in response.context["runs"]]


def test_in_person_runs_are_ordered_by_distance_and_online_runs_still_listed(client, county_runs):
    response = client.get("/course-dates/", {"postcode": "OX16 9XY"})
    assert places_in_order(response) == ["Banbury", "Oxford hub", "Abingdon", "Online"]
    html = response.content.decode()
    assert "Less than 1 mile away" in html and "About 22 miles away" in html
    response = client.get("/course-dates/", {"postcode": "OX14"})
    assert places_in_order(response) == ["Abingdon", "Oxford hub", "Banbury", "Online"]


def test_browser_location_orders_by_distance_too(client, county_runs):
    response = client.get("/course-dates/", {"lat": "52.0", "lng": "-1.3"})
    assert places_in_order(response) == ["Banbury", "Oxford hub", "Abingdon", "Online"]


@pytest.mark.parametrize(
    "postcode, message",
    [("banana", "could not recognise “banana” as a UK postcode"), ("EH1 1AA", "do not know where EH1 is yet")],
)
def test_unknown_or_invalid_postcodes_get_a_kind_note_and_date_order(client, county_runs, postcode, message):
    response = client.get("/course-dates/", {"postcode": postcode})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert places_in_order(response) == ["Online", "Oxford hub", "Banbury", "Abingdon"]


def test_distance_ordering_shows_the_data_attribution(client, county_runs):
    html = client.get("/course-dates/", {"postcode": "OX14"}).content.decode()
    assert "Open Government Licence" in html
