"""The report pages under /admin/reports/: who may see them, the form and its errors, the charts
with their tables, and the CSV and XLSX downloads (small counts hidden, formula-like cells made
safe). The figures themselves are checked in test_reports.py."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from openpyxl import load_workbook

from reports.measures import MEASURES

from .report_helpers import build_college

pytestmark = pytest.mark.django_db
PAGE = "/admin/reports/"
CHARTS = sum(measure.chart for measure in MEASURES)  # 13: each needs a figure and a table


@pytest.fixture
def college(course_index):
    return build_college(course_index, hub_name='=HYPERLINK("http://evil.example","Oxford")', topic_name="-Anxiety")


def admin_user(*, may_see_reports: bool):
    user = get_user_model().objects.create_user(f"user{may_see_reports}", "u@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if may_see_reports:
        group = Group.objects.create(name="Coordinators")
        group.permissions.add(Permission.objects.get(content_type__app_label="reports", codename="view_reports"))
        user.groups.add(group)
    return user


def by_location(college, **more):
    return {"term": college.term.pk, "split": "location", **more}


# Who may see them


@pytest.mark.parametrize("url", [PAGE, PAGE + "?term=1", PAGE + "download/csv/?term=1", PAGE + "download/xlsx/"])
def test_staff_without_the_permission_are_refused_and_see_no_menu_item(client, home_page, url):
    """Refused as the rest of the admin refuses (Wagtail turns the 403 into its own "Sorry" on the
    dashboard), with no figures and no file, and no menu item to follow."""
    client.force_login(admin_user(may_see_reports=False))
    response = client.get(url)
    assert response.status_code == 302 and response.url == "/admin/"
    dashboard = client.get("/admin/").content.decode()
    assert "Sorry, you do not have permission to access this area." in dashboard
    assert "For commissioners" not in dashboard


def test_a_group_with_the_permission_sees_the_page_and_the_menu_item(client, home_page):
    client.force_login(admin_user(may_see_reports=True))
    assert client.get(PAGE).status_code == 200
    assert "For commissioners" in client.get("/admin/").content.decode()


def test_someone_signed_out_is_sent_to_sign_in(client, home_page):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# The form


def test_the_page_starts_with_the_form_and_the_definitions(staff_client, college):
    page = staff_client.get(PAGE).content.decode()
    assert "Choose the report" in page and "How these figures are counted" in page
    assert "Summer 2026" in page  # a term to choose
    assert "All figures for" not in page and "<figure" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"starts_on": "2026-05-01", "ends_on": "2026-04-30"}, "The end date must be after the start date"),
        ({"starts_on": "2026-05-01"}, "Enter the end date"),
        ({"ends_on": "2026-05-01"}, "Enter the start date"),
        ({"starts_on": "2026-13-45", "ends_on": "2026-05-01"}, "Enter the start date as a real date"),
        ({"split": "location"}, "Choose a term, or enter a start date and an end date"),
        ({"term": "1", "starts_on": "2026-05-01", "ends_on": "2026-06-01"}, "Choose a term or a date range, not both"),
        ({"term": "99999"}, "Select a term from the list"),
        ({"term": "1", "split": "postcode"}, "Select how to split the report from the list"),
    ],
)
def test_a_mistake_in_the_form_says_what_to_do_and_shows_no_figures(staff_client, college, query, message):
    if query.get("term") == "1":
        query["term"] = college.term.pk
    response = staff_client.get(PAGE, query)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "All figures for" not in page and "<figure" not in page
    # A download asked for with the same mistake gives the form back, not a file.
    download = staff_client.get(PAGE + "download/csv/", query)
    assert download.status_code == 400 and "attachment" not in download.get("Content-Disposition", "")
    assert message in download.content.decode()


def test_a_date_range_report(staff_client, college):
    response = staff_client.get(PAGE, {"starts_on": "2026-05-05", "ends_on": "2026-05-06", "split": "none"})
    page = response.content.decode()
    assert response.status_code == 200
    # R2 (5 May) and R3 (6 May); R1 began on 4 May. R2: S2 S5; R3: S6 S7.
    assert "All figures for 5 May 2026 to 6 May 2026" in page
    assert re.search(r"<th scope=\"row\">Enrolments</th><td>4</td>", page)


# The report page


def test_the_report_shows_exact_figures_and_an_accessible_chart_for_each_measure(staff_client, college):
    page = staff_client.get(PAGE, by_location(college)).content.decode()
    # Columns: the total, the hub (named like a formula: "=" sorts first), Banbury Library, Online.
    assert re.search(r"<th scope=\"row\">No-shows</th><td>2</td><td>1</td><td>1</td><td>0</td>", page)
    assert '<th scope="row">Attendance rate</th><td>50% (9 of 18)</td>' in page
    assert page.count("<figure") == page.count("<figcaption>") == CHARTS
    figures = re.findall(r"<figure.*?</figure>", page, re.S)
    for figure in figures:
        assert 'aria-hidden="true"' in figure and "<canvas" not in figure and "<script" not in figure
        assert "<table" in figure and "<caption" in figure
        assert '<th scope="col">' in figure and '<th scope="row">' in figure
    enrolments = next(figure for figure in figures if "Enrolments, by location" in figure)
    # Bars scaled to the largest: the hub's 4 enrolments fill the chart, 2 fill half.
    assert 'style="width: 100%"' in enrolments and 'style="width: 50%"' in enrolments
    assert '<th scope="row">Online</th><td>2</td>' in enrolments
    assert "No-shows, by location: Summer 2026" in page


def test_tables_scroll_in_their_own_box_so_a_phone_never_scrolls_sideways(staff_client, college):
    page = staff_client.get(PAGE, by_location(college)).content.decode()
    tables = page.count('<table class="listing">')
    assert tables == CHARTS + 1  # the summary and one beside each chart
    assert page.count('class="w-overflow-x-auto report-scroll" role="group"') == tables


# Downloads


def download(staff_client, college, file_format: str):
    response = staff_client.get(f"{PAGE}download/{file_format}/", by_location(college))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_hides_counts_from_1_to_4_and_figures_worked_out_from_them(staff_client, college):
    response = download(staff_client, college, "csv")
    today = timezone.localdate()
    assert f'filename="report-summer-2026-by-location-{today:%Y-%m-%d}.csv"' in response["Content-Disposition"]
    rows = {row["Location"]: row for row in csv_rows(response)}
    assert list(rows) == ["Total", '\'=HYPERLINK("http://evil.example","Oxford")', "Banbury Library", "Online"]
    total = rows["Total"]
    # 8 enrolments and 7 people are shown; 1 to 4 are not; 0 is.
    assert (total["Period"], total["Enrolments"], total["Unique students"], total["New students"]) == (
        "Summer 2026",
        "8",
        "7",
        "6",
    )
    assert total["Runs held"] == total["Runs cancelled"] == total["No-shows"] == "fewer than 5"
    # 9 of 18 marks: 50%. 3 of 5 starters: 60%. 2 of 3 answers: hidden, as are averages of 1 to 4.
    assert (total["Attendance rate (%)"], total["Completion rate (%)"]) == ("50", "60")
    assert total["Friends and Family Test: very good or good (%)"] == "fewer than 5"
    assert total["CHIME average: I feel more hopeful about my future (1 to 5)"] == "fewer than 5"
    assert total["CHIME average: I feel better about who I am (1 to 5)"] == ""  # nobody answered
    online = rows["Online"]
    # 3 of 5 marks: shown as 60; no no-shows: 0; 2 starters: the rate is hidden.
    assert (online["Attendance rate (%)"], online["No-shows"], online["Completion rate (%)"]) == (
        "60",
        "0",
        "fewer than 5",
    )
    every_cell = [cell for row in rows.values() for cell in row.values()]
    assert not any(cell in {str(n) for n in range(1, 5)} for cell in every_cell)


def test_the_xlsx_holds_the_same_rows_and_no_formulas(staff_client, college):
    response = download(staff_client, college, "xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    headings = rows[0]
    assert headings[:4] == ["Period", "Location", "Runs held", "Runs cancelled"]
    labels = [row[1] for row in rows[1:]]
    assert labels == ["Total", '\'=HYPERLINK("http://evil.example","Oxford")', "Banbury Library", "Online"]
    total = dict(zip(headings, rows[1], strict=True))
    assert (total["Enrolments"], total["Attendance rate (%)"], total["No-shows"]) == (8, 50, "fewer than 5")
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_a_topic_named_like_a_formula_is_made_safe_in_the_download(staff_client, college):
    query = {"term": college.term.pk, "split": "topic"}
    response = staff_client.get(f"{PAGE}download/csv/", query)
    assert [row["Topic"] for row in csv_rows(response)] == ["Total", "'-Anxiety", "Sleep"]
    assert "report-summer-2026-by-topic-" in response["Content-Disposition"]


def test_an_unknown_file_format_is_not_found(staff_client, college):
    assert staff_client.get(f"{PAGE}download/pdf/", by_location(college)).status_code == 404
