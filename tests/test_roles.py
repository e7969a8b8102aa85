"""The staff roles (issue 15, item 3), through the real admin with the groups the data migration
made: what each role gets at every admin address of ours, and that a facilitator never reaches
another run's people, by address, search, download or chooser.

The table below is the promise. Outcomes: ok (the page, the file, or the change made and back to
the page it came from), home (Wagtail's "you do not have permission", back to the dashboard),
login (the sign-in page), 403, 404 (not found: another run's id says nothing about that run).
Columns: college admin, course coordinator, facilitator of run A (their Facilitator record
linked), a facilitator with no linked record, content editor, nobody signed in."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.executor import MigrationExecutor
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from courses.models import CourseRun, Topic
from enrolment.models import Attendance, WalkIn
from staffauth.roles import ROLE_NAMES, ROLES

from .enrolment_admin_helpers import text
from .role_helpers import ROLES as COLUMNS
from .role_helpers import RUN_B_SECRETS, build_world, signed_in

POST = "POST"

# Each row: name (the URL's name, or a name and what is added to it), then one outcome per column.
TABLE = """
# address                                                   admin  coord  fac_a  no_rec editor anon
wagtailadmin_home                                           ok     ok     ok     ok     ok     login
wagtailadmin_explore_root                                   ok     home   home   home   ok     login
wagtailusers_users:index                                    ok     home   home   home   home   login
wagtailusers_groups:index                                   ok     home   home   home   home   login
wagtailimages:index                                         ok     home   home   home   ok     login
wagtaildocs:index                                           ok     home   home   home   ok     login
wagtailsettings:edit enrolment                              ok     home   home   home   home   login
wagtailsettings:edit notices                                ok     home   home   home   home   login
wagtailsettings:edit home                                   ok     home   home   home   home   login
course_runs:index                                           ok     ok     home   home   home   login
course_runs:index ?export=csv                               ok     ok     home   home   home   login
course_runs:index ?export=xlsx                              ok     ok     home   home   home   login
course_runs:index_results                                   ok     ok     home   home   home   login
course_runs:add                                             ok     ok     home   home   home   login
course_runs:edit                                            ok     ok     home   home   home   login
course_runs:delete                                          ok     home   home   home   home   login
course_runs:history                                         ok     ok     home   home   home   login
course_runs:history_results                                 ok     ok     home   home   home   login
course_runs:usage                                           ok     ok     home   home   home   login
course_runs:copy                                            ok     ok     home   home   home   login
students:index                                              ok     ok     home   home   home   login
students:index ?q=Beatrix                                   ok     ok     home   home   home   login
students:index ?export=csv                                  ok     ok     home   home   home   login
students:index ?export=xlsx                                 ok     ok     home   home   home   login
students:index_results                                      ok     ok     home   home   home   login
students:add                                                ok     ok     home   home   home   login
students:edit                                               ok     ok     home   home   home   login
students:delete                                             ok     ok     home   home   home   login
students:history                                            ok     ok     home   home   home   login
students:history_results                                    ok     ok     home   home   home   login
students:usage                                              ok     ok     home   home   home   login
students:inspect                                            ok     ok     home   home   home   login
students:copy                                               ok     ok     home   home   home   login
enrolment_staff:my_runs                                     ok     ok     ok     ok     home   login
enrolment_staff:calls                                       ok     ok     home   home   home   login
enrolment_staff:record_answer                               ok     ok     home   home   home   login
enrolment_staff:register                                    ok     ok     ok     404    home   login
enrolment_staff:sign_in_sheet                               ok     ok     ok     404    home   login
enrolment_staff:register_download csv                       ok     ok     ok     404    home   login
enrolment_staff:register_download xlsx                      ok     ok     ok     404    home   login
enrolment_staff:waiting_lists_download csv                  ok     ok     home   home   home   login
enrolment_staff:waiting_lists_download xlsx                 ok     ok     home   home   home   login
enrolment_staff:certificate                                 ok     ok     ok     404    home   login
enrolment_staff:course_feedback                             ok     ok     home   home   home   login
enrolment_staff:pair_feedback                               ok     ok     home   home   home   login
enrolment_staff:enrol                                       ok     ok     home   home   home   login
enrolment_staff:enrol ?q=Beatrix                            ok     ok     home   home   home   login
enrolment_staff:cancel                                      ok     ok     home   home   home   login
enrolment_staff:remove                                      ok     ok     home   home   home   login
enrolment_staff:move_up                                     ok     ok     home   home   home   login
enrolment_staff:take_register                               ok     ok     ok     404    home   login
enrolment_staff:mark                                        ok     ok     ok     404    home   login
enrolment_staff:add_walk_in                                 ok     ok     ok     404    home   login
enrolment_staff:remove_walk_in                              ok     ok     ok     404    home   login
notices_staff:people_to_call                                ok     ok     home   home   home   login
notices_staff:mark_called                                   ok     ok     home   home   home   login
notices_staff:emails_not_sent                               ok     ok     home   home   home   login
notices_staff:send_again                                    ok     ok     home   home   home   login
notices_staff:address_checked                               ok     ok     home   home   home   login
reports:index                                               ok     ok     home   home   home   login
reports:download                                            ok     ok     home   home   home   login
staffauth_verify                                            ok     ok     ok     ok     ok     login
staffauth_set_up                                            ok     ok     ok     ok     ok     login
staffauth_recovery_codes                                    ok     ok     ok     ok     ok     login
staffauth_reset                                             ok     403    403    403    403    login
wagtailsnippets_courses_location:list                       ok     ok     home   home   ok     login
wagtailsnippets_courses_location:list_results               ok     ok     home   home   ok     login
wagtailsnippets_courses_location:add                        ok     ok     home   home   ok     login
wagtailsnippets_courses_location:edit                       ok     ok     home   home   ok     login
wagtailsnippets_courses_location:delete                     ok     home   home   home   ok     login
wagtailsnippets_courses_location:usage                      ok     ok     home   home   ok     login
wagtailsnippets_courses_location:history                    ok     ok     home   home   ok     login
wagtailsnippets_courses_location:history_results            ok     ok     home   home   ok     login
wagtailsnippets_courses_location:copy                       ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:choose              ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:choose_results      ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:chosen              ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:chosen_multiple     ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:create              ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:list                    ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:list_results            ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:add                     ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:edit                    ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:delete                  ok     home   home   home   ok     login
wagtailsnippets_courses_facilitator:usage                   ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:history                 ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:history_results         ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:copy                    ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:choose           ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:choose_results   ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:chosen           ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:chosen_multiple  ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:create           ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:list                          ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:list_results                  ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:add                           ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:edit                          ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:delete                        ok     home   home   home   ok     login
wagtailsnippets_courses_topic:usage                         ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:history                       ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:history_results               ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:copy                          ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:choose                 ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:choose_results         ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:chosen                 ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:chosen_multiple        ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:create                 ok     ok     home   home   ok     login
wagtailsnippets_courses_term:list                           ok     ok     home   home   ok     login
wagtailsnippets_courses_term:list_results                   ok     ok     home   home   ok     login
wagtailsnippets_courses_term:add                            ok     ok     home   home   ok     login
wagtailsnippets_courses_term:edit                           ok     ok     home   home   ok     login
wagtailsnippets_courses_term:delete                         ok     home   home   home   ok     login
wagtailsnippets_courses_term:usage                          ok     ok     home   home   ok     login
wagtailsnippets_courses_term:history                        ok     ok     home   home   ok     login
wagtailsnippets_courses_term:history_results                ok     ok     home   home   ok     login
wagtailsnippets_courses_term:copy                           ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:choose                  ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:choose_results          ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:chosen                  ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:chosen_multiple         ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:create                  ok     ok     home   home   ok     login
wagtailsnippets_notices_wording:list                        ok     ok     home   home   home   login
wagtailsnippets_notices_wording:list_results                ok     ok     home   home   home   login
wagtailsnippets_notices_wording:add                         ok     ok     home   home   home   login
wagtailsnippets_notices_wording:edit                        ok     ok     home   home   home   login
wagtailsnippets_notices_wording:delete                      ok     ok     home   home   home   login
wagtailsnippets_notices_wording:usage                       ok     ok     home   home   home   login
wagtailsnippets_notices_wording:history                     ok     ok     home   home   home   login
wagtailsnippets_notices_wording:history_results             ok     ok     home   home   home   login
wagtailsnippets_notices_wording:copy                        ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:choose               ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:choose_results       ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:chosen               ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:chosen_multiple      ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:create               ok     ok     home   home   home   login
wagtailsnippets_notices_wording:preview_on_add              ok     ok     home   home   home   login
wagtailsnippets_notices_wording:preview_on_edit             ok     ok     home   home   home   login
"""


def routes(w) -> dict:
    """How to reach each row of the table: (method, address, form data)."""
    a = w.run_a
    s = f"/admin/enrolment/runs/{a.pk}/sessions/{w.session_a.pk}/"
    snippets = {
        "location": a.location_id,
        "facilitator": w.facilitator_a.pk,
        "topic": None,
        "term": a.term_id,
    }
    found = {
        # Wagtail's own, for the shape of each role
        "wagtailadmin_home": ("GET", "/admin/", None),
        "wagtailadmin_explore_root": ("GET", "/admin/pages/", None),
        "wagtailusers_users:index": ("GET", "/admin/users/", None),
        "wagtailusers_groups:index": ("GET", "/admin/groups/", None),
        "wagtailimages:index": ("GET", "/admin/images/", None),
        "wagtaildocs:index": ("GET", "/admin/documents/", None),
        "wagtailsettings:edit enrolment": ("GET", "/admin/settings/enrolment/enrolmentsettings/", None),
        "wagtailsettings:edit notices": ("GET", "/admin/settings/notices/remindersettings/", None),
        "wagtailsettings:edit home": ("GET", "/admin/settings/home/collegesettings/", None),
        # Course runs (enrolment/admin/runs.py)
        "course_runs:index": ("GET", "/admin/course_runs/", None),
        "course_runs:index ?export=csv": ("GET", "/admin/course_runs/?export=csv", None),
        "course_runs:index ?export=xlsx": ("GET", "/admin/course_runs/?export=xlsx", None),
        "course_runs:index_results": ("GET", "/admin/course_runs/results/", None),
        "course_runs:add": ("GET", "/admin/course_runs/new/", None),
        "course_runs:edit": ("GET", f"/admin/course_runs/edit/{a.pk}/", None),
        "course_runs:delete": ("GET", f"/admin/course_runs/delete/{a.pk}/", None),
        "course_runs:history": ("GET", f"/admin/course_runs/history/{a.pk}/", None),
        "course_runs:history_results": ("GET", f"/admin/course_runs/history-results/{a.pk}/", None),
        "course_runs:usage": ("GET", f"/admin/course_runs/usage/{a.pk}/", None),
        "course_runs:copy": ("GET", f"/admin/course_runs/copy/{a.pk}/", None),
        # Students (enrolment/admin/students.py)
        "students:index": ("GET", "/admin/students/", None),
        "students:index ?q=Beatrix": ("GET", "/admin/students/?q=Beatrix", None),
        "students:index ?export=csv": ("GET", "/admin/students/?export=csv", None),
        "students:index ?export=xlsx": ("GET", "/admin/students/?export=xlsx", None),
        "students:index_results": ("GET", "/admin/students/results/?q=Beatrix", None),
        "students:add": ("GET", "/admin/students/new/", None),
        "students:edit": ("GET", f"/admin/students/edit/{w.bea.student_id}/", None),
        "students:delete": ("GET", f"/admin/students/delete/{w.bea.student_id}/", None),
        "students:history": ("GET", f"/admin/students/history/{w.bea.student_id}/", None),
        "students:history_results": ("GET", f"/admin/students/history-results/{w.bea.student_id}/", None),
        "students:usage": ("GET", f"/admin/students/usage/{w.bea.student_id}/", None),
        "students:inspect": ("GET", f"/admin/students/inspect/{w.bea.student_id}/", None),
        "students:copy": ("GET", f"/admin/students/copy/{w.bea.student_id}/", None),
        # Registers, places and their follow-ups (enrolment/admin/viewset.py)
        "enrolment_staff:my_runs": ("GET", "/admin/enrolment/your-runs/", None),
        "enrolment_staff:calls": ("GET", "/admin/enrolment/offers-to-phone/", None),
        "enrolment_staff:record_answer": ("GET", f"/admin/enrolment/offers/{w.offer_a.pk}/accepted/", None),
        "enrolment_staff:register": ("GET", f"/admin/enrolment/runs/{a.pk}/register/", None),
        "enrolment_staff:sign_in_sheet": ("GET", f"/admin/enrolment/runs/{a.pk}/sign-in-sheet/", None),
        "enrolment_staff:register_download csv": ("GET", f"/admin/enrolment/runs/{a.pk}/register/download/csv/", None),
        "enrolment_staff:register_download xlsx": (
            "GET",
            f"/admin/enrolment/runs/{a.pk}/register/download/xlsx/",
            None,
        ),
        "enrolment_staff:waiting_lists_download csv": ("GET", "/admin/enrolment/waiting-lists/download/csv/", None),
        "enrolment_staff:waiting_lists_download xlsx": ("GET", "/admin/enrolment/waiting-lists/download/xlsx/", None),
        "enrolment_staff:certificate": (
            "GET",
            f"/admin/enrolment/runs/{w.ada_done.run_id}/certificates/{w.ada_done.pk}/",
            None,
        ),
        "enrolment_staff:course_feedback": ("GET", f"/admin/enrolment/feedback/courses/{a.course_id}/", None),
        "enrolment_staff:pair_feedback": (
            "GET",
            f"/admin/enrolment/feedback/facilitators/{w.facilitator_a.pk}/{w.other_facilitator_a.pk}/",
            None,
        ),
        "enrolment_staff:enrol": ("GET", f"/admin/enrolment/runs/{a.pk}/enrol/", None),
        "enrolment_staff:enrol ?q=Beatrix": ("GET", f"/admin/enrolment/runs/{a.pk}/enrol/?q=Beatrix", None),
        "enrolment_staff:cancel": ("GET", f"/admin/enrolment/runs/{a.pk}/places/{w.ada.pk}/cancel/", None),
        "enrolment_staff:remove": ("GET", f"/admin/enrolment/runs/{a.pk}/waiting/{w.waiting_a.pk}/remove/", None),
        "enrolment_staff:move_up": ("GET", f"/admin/enrolment/runs/{a.pk}/waiting/{w.waiting_a.pk}/move-up/", None),
        "enrolment_staff:take_register": ("GET", s, None),
        "enrolment_staff:mark": (POST, s + "mark/", {"enrolment": w.ada.pk, "mark": "present"}),
        "enrolment_staff:add_walk_in": (POST, s + "walk-ins/", {"name": "Ali Newcomer"}),
        "enrolment_staff:remove_walk_in": (POST, s + f"walk-ins/{w.walk_in_a.pk}/remove/", {}),
        # People to call and emails not sent (notices/admin/)
        "notices_staff:people_to_call": ("GET", "/admin/notices/people-to-call/", None),
        "notices_staff:mark_called": (POST, f"/admin/notices/people-to-call/{w.to_call.pk}/called/", {}),
        "notices_staff:emails_not_sent": ("GET", "/admin/notices/emails-not-sent/", None),
        "notices_staff:send_again": (POST, f"/admin/notices/emails-not-sent/{w.failed.pk}/send-again/", {}),
        "notices_staff:address_checked": (
            POST,
            f"/admin/notices/students/{w.student_not_emailable.pk}/address-checked/",
            {},
        ),
        # Reports for commissioners (reports/)
        "reports:index": ("GET", "/admin/reports/", None),
        "reports:download": ("GET", "/admin/reports/download/csv/", None),
        # Staff sign-in (staffauth/)
        "staffauth_verify": ("GET", "/admin/two-factor/verify/?next=/admin/pages/", None),
        "staffauth_set_up": ("GET", "/admin/two-factor/set-up/", None),
        "staffauth_recovery_codes": ("GET", "/admin/two-factor/recovery-codes/", None),
        "staffauth_reset": ("GET", f"/admin/two-factor/reset/{w.users['editor'].pk}/", None),
    }
    # Snippets: course set-up (courses/wagtail_hooks.py) and email wording (notices/wagtail_hooks.py).
    snippets["topic"] = Topic.objects.get_or_create(name="Wellbeing", slug="wellbeing")[0].pk
    for app, model, pk in [*(("courses", m, p) for m, p in snippets.items()), ("notices", "wording", w.wording.pk)]:
        base, chooser = f"/admin/snippets/{app}/{model}/", f"/admin/snippets/choose/{app}/{model}/"
        ns, chooser_ns = f"wagtailsnippets_{app}_{model}", f"wagtailsnippetchoosers_{app}_{model}"
        found.update(
            {
                f"{ns}:list": ("GET", base, None),
                f"{ns}:list_results": ("GET", base + "results/", None),
                f"{ns}:add": ("GET", base + "add/", None),
                f"{ns}:edit": ("GET", base + f"edit/{pk}/", None),
                f"{ns}:delete": ("GET", base + f"delete/{pk}/", None),
                f"{ns}:usage": ("GET", base + f"usage/{pk}/", None),
                f"{ns}:history": ("GET", base + f"history/{pk}/", None),
                f"{ns}:history_results": ("GET", base + f"history-results/{pk}/", None),
                f"{ns}:copy": ("GET", base + f"copy/{pk}/", None),
                f"{chooser_ns}:choose": ("GET", chooser, None),
                f"{chooser_ns}:choose_results": ("GET", chooser + "results/", None),
                f"{chooser_ns}:chosen": ("GET", chooser + f"chosen/{pk}/", None),
                f"{chooser_ns}:chosen_multiple": ("GET", chooser + f"chosen-multiple/?id={pk}", None),
                f"{chooser_ns}:create": ("GET", chooser + "create/", None),
            }
        )
    found["wagtailsnippets_notices_wording:preview_on_add"] = ("GET", "/admin/snippets/notices/wording/preview/", None)
    found["wagtailsnippets_notices_wording:preview_on_edit"] = (
        "GET",
        f"/admin/snippets/notices/wording/preview/{w.wording.pk}/",
        None,
    )
    return found


def outcome(response) -> str:
    if response.status_code == 302:
        if response.url.startswith("/admin/login/"):
            return "login"
        if response.url == "/admin/":
            return "home"
        return "ok"
    return "ok" if response.status_code == 200 else str(response.status_code)


def expected_table() -> dict[str, dict[str, str]]:
    rows = {}
    for line in TABLE.strip().splitlines():
        if line.startswith("#"):
            continue
        words = line.split()
        rows[" ".join(words[: -len(COLUMNS)])] = dict(zip(COLUMNS, words[-len(COLUMNS) :], strict=True))
    return rows


def visit(client, method, url, data):
    if method == POST:
        return client.post(url, data)
    response = client.get(url)
    if url.startswith("/admin/settings/") and response.status_code == 302 and response.url.startswith(url):
        return client.get(response.url)  # settings go on to their one row's page
    return response


@pytest.fixture
def two_factor(settings):
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def world(course_index, two_factor):
    return build_world(course_index)


def client_for(client, world, role):
    return client if role == "anonymous" else signed_in(client, world.users[role])


@pytest.mark.parametrize("role", COLUMNS)
def test_each_role_gets_what_the_table_says_at_every_address(client, world, role):
    client = client_for(client, world, role)
    found = routes(world)
    expected = {name: row[role] for name, row in expected_table().items()}
    wrong = []
    for name, (method, url, data) in found.items():
        got = outcome(visit(client, method, url, data))
        if got != expected.get(name):
            wrong.append(f"{name}: {got}, expected {expected.get(name)}")
    assert wrong == []


# The table covers every admin address of ours: a new one without a row fails here.

OUR_PREFIXES = ("admin/enrolment/", "admin/notices/", "admin/students/", "admin/course_runs/", "admin/two-factor/")
OUR_SNIPPETS = ("admin/snippets/courses/", "admin/snippets/notices/")
OUR_SNIPPETS += tuple(prefix.replace("snippets/", "snippets/choose/") for prefix in OUR_SNIPPETS)


def admin_url_names(patterns=None, prefix="", namespace=""):
    """(address pattern, namespaced name) of every URL under /admin/."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from admin_url_names(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}" if namespace else pattern.name


def is_ours(address: str, name: str) -> bool:
    if address.startswith("admin/reports/"):
        return not name.startswith("wagtailadmin_reports:")  # Wagtail's own page reports share the prefix
    return address.startswith(OUR_PREFIXES + OUR_SNIPPETS)


def test_every_admin_address_of_ours_has_a_row_in_the_table():
    ours = {name for address, name in admin_url_names() if is_ours(address, name)}
    rows = {name.split()[0] for name in expected_table()}
    assert len(ours) > 100
    assert ours - rows == set(), "add these addresses to TABLE with what each role should get"
    assert {"wagtailsettings:edit", "wagtailadmin_home"} <= rows


def test_the_table_has_a_way_to_reach_each_row(world):
    assert set(routes(world)) == set(expected_table())


# The groups are the migration's, with what staffauth/roles.py says.


def names(permissions) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions.select_related("content_type")}


@pytest.mark.django_db
def test_the_data_migration_made_each_role_as_the_table_says():
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        held = names(group.permissions.all())
        assert set(role.permissions) <= held, role.name
        assert names(Permission.objects.filter(content_type__app_label__in=role.apps)) <= held, role.name
        pages = GroupPagePermission.objects.filter(group=group)
        assert {p.permission.codename for p in pages} == set(role.page_permissions), role.name
        assert {p.page.depth for p in pages} <= {1}, "page permissions are on the root page, so the whole site"
        collections = GroupCollectionPermission.objects.filter(group=group)
        assert names(Permission.objects.filter(pk__in=collections.values("permission"))) == set(
            role.collection_permissions
        )
    assert names(Group.objects.get(name="Facilitator").permissions.all()) == {
        "wagtailadmin.access_admin",
        "courses.take_own_registers",
    }
    editor = names(Group.objects.get(name="Content editor").permissions.all())
    assert not {p for p in editor if p.split(".")[0] in ("enrolment", "notices", "reports", "auth")}
    assert "courses.view_courserun" not in editor
    coordinator = names(Group.objects.get(name="Course coordinator").permissions.all())
    assert not {p for p in coordinator if p.startswith("auth.")}, "coordinators cannot give themselves more"
    assert "reports.view_reports" in coordinator


@pytest.mark.django_db
def test_running_the_migration_again_changes_nothing_and_keeps_what_a_college_added():
    migration = MigrationExecutor(connection).loader.get_migration("staffauth", "0002_roles")
    state_apps = MigrationExecutor(connection).loader.project_state(("staffauth", "0002_roles")).apps
    coordinator = Group.objects.get(name="Course coordinator")
    extra = Permission.objects.get(codename="change_enrolmentsettings")
    coordinator.permissions.add(extra)  # a college's own choice
    before = {group.name: names(group.permissions.all()) for group in Group.objects.all()}
    page_rows = GroupPagePermission.objects.count()
    operation = migration.operations[0]
    assert operation.reverse_code is RunPython.noop  # going back leaves the groups to the people in them
    operation.code(state_apps, None)
    assert {group.name: names(group.permissions.all()) for group in Group.objects.all()} == before
    assert GroupPagePermission.objects.count() == page_rows
    assert Group.objects.filter(name__in=ROLE_NAMES).count() == len(ROLE_NAMES)


# Changing the ids in an address: facilitator A never reaches run B.


def run_b_addresses(w) -> dict[str, tuple]:
    """Run-scoped addresses with run B's ids (or run A's with one of B's): what facilitator A gets."""
    a, b = w.run_a, w.run_b
    sb = f"/admin/enrolment/runs/{b.pk}/sessions/{w.session_b.pk}/"
    mixed = f"/admin/enrolment/runs/{a.pk}/sessions/{w.session_b.pk}/"
    sa = f"/admin/enrolment/runs/{a.pk}/sessions/{w.session_a.pk}/"
    return {
        "register": ("GET", f"/admin/enrolment/runs/{b.pk}/register/", None, "404"),
        "sign-in sheet": ("GET", f"/admin/enrolment/runs/{b.pk}/sign-in-sheet/", None, "404"),
        "register csv": ("GET", f"/admin/enrolment/runs/{b.pk}/register/download/csv/", None, "404"),
        "register xlsx": ("GET", f"/admin/enrolment/runs/{b.pk}/register/download/xlsx/", None, "404"),
        "certificate": ("GET", f"/admin/enrolment/runs/{b.pk}/certificates/{w.bea.pk}/", None, "404"),
        "certificate, run A": ("GET", f"/admin/enrolment/runs/{a.pk}/certificates/{w.bea.pk}/", None, "404"),
        "take register": ("GET", sb, None, "404"),
        "take register, run A": ("GET", mixed, None, "404"),
        "mark": (POST, sb + "mark/", {"enrolment": w.bea.pk, "mark": "present"}, "404"),
        "mark, run A": (POST, mixed + "mark/", {"enrolment": w.bea.pk, "mark": "present"}, "404"),
        # Run A's own session with Bea's place: told nobody by that id is on this run, unnamed.
        "mark Bea at run A's session": (POST, sa + "mark/", {"enrolment": w.bea.pk, "mark": "present"}, "ok"),
        "add walk-in": (POST, sb + "walk-ins/", {"name": "Sneaky"}, "404"),
        "remove walk-in": (POST, sb + f"walk-ins/{w.walk_in_b.pk}/remove/", {}, "404"),
        "remove walk-in, run A": (POST, mixed + f"walk-ins/{w.walk_in_b.pk}/remove/", {}, "404"),
        # Coordinators' pages: refused as they are on run A, so they say nothing about run B.
        "enrol": ("GET", f"/admin/enrolment/runs/{b.pk}/enrol/", None, "home"),
        "cancel": ("GET", f"/admin/enrolment/runs/{b.pk}/places/{w.bea.pk}/cancel/", None, "home"),
        "remove from list": ("GET", f"/admin/enrolment/runs/{b.pk}/waiting/{w.waiting_b.pk}/remove/", None, "home"),
        "move up": ("GET", f"/admin/enrolment/runs/{b.pk}/waiting/{w.waiting_b.pk}/move-up/", None, "home"),
        "student": ("GET", f"/admin/students/inspect/{w.bea.student_id}/", None, "home"),
        # Search, downloads and choosers that could list run B's people.
        "students search": ("GET", "/admin/students/?q=Beatrix", None, "home"),
        "students results": ("GET", "/admin/students/results/?q=Beatrix", None, "home"),
        "students csv": ("GET", "/admin/students/?export=csv", None, "home"),
        "students xlsx": ("GET", "/admin/students/?export=xlsx", None, "home"),
        "runs search": ("GET", "/admin/course_runs/?q=Sleeping", None, "home"),
        "waiting lists csv": ("GET", "/admin/enrolment/waiting-lists/download/csv/", None, "home"),
        "enrol search": ("GET", f"/admin/enrolment/runs/{a.pk}/enrol/?q=Beatrix", None, "home"),
        "facilitator chooser": ("GET", "/admin/snippets/choose/courses/facilitator/?q=Beatrix", None, "home"),
    }


def test_facilitator_a_with_run_b_ids_is_told_not_found(client, world):
    client = signed_in(client, world.users["facilitator"])
    got, leaks = {}, []
    for label, (method, url, data, _) in run_b_addresses(world).items():
        response = visit(client, method, url, data)
        got[label] = outcome(response)
        page = text(client.get("/admin/")) + text(response)  # and no message about them afterwards
        leaks += [(label, secret) for secret in RUN_B_SECRETS if secret in page]
    assert got == {label: row[3] for label, row in run_b_addresses(world).items()}
    assert leaks == []
    assert not Attendance.objects.filter(enrolment=world.bea).exists()
    assert WalkIn.objects.filter(pk=world.walk_in_b.pk).exists()
    assert not WalkIn.objects.filter(name="Sneaky").exists()


def test_a_coordinator_reaches_run_b_at_the_same_addresses(client, world):
    """The other side of the test above: the addresses are real, so the 404s are the scoping."""
    client = signed_in(client, world.users["coordinator"])
    for label, (method, url, data, _) in run_b_addresses(world).items():
        if label.endswith("run A") or method == POST:
            continue
        assert outcome(visit(client, method, url, data)) == ("404" if label == "certificate" else "ok"), label


# What each role sees on the pages they may open.


def test_facilitator_a_sees_their_own_register_and_nothing_of_run_b(client, world):
    client = signed_in(client, world.users["facilitator"])
    register = text(client.get(f"/admin/enrolment/runs/{world.run_a.pk}/register/"))
    assert "Ada" in register and "Needs A: large print" in register  # their students' support needs
    assert "Waiting list" not in register and "Will " not in register  # the waiting list is the coordinators'
    assert "Enrol someone" not in register and "Cancel place" not in register
    assert "/admin/students/" not in register and "/admin/course_runs/" not in register
    download = client.get(f"/admin/enrolment/runs/{world.run_a.pk}/register/download/csv/")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert any("Needs A: large print" in row for row in rows)
    mine = text(client.get("/admin/enrolment/your-runs/"))
    assert "Understanding anxiety" in mine and "Sleeping well" not in mine
    home = text(client.get("/admin/"))
    assert "Understanding anxiety" in home and "Sleeping well" not in home  # today's sessions: theirs only
    assert "Your course runs" in home and "Students" not in home and "Offers to phone" not in home
    assert "Course set-up" not in home and "Email wording" not in home and "Reports" not in home
    take_a = f"/admin/enrolment/runs/{world.run_a.pk}/sessions/{world.session_a.pk}/"
    assert take_a in home and take_a in mine  # one tap from the dashboard to the register
    for secret in RUN_B_SECRETS:
        assert secret not in register + mine + home + download.content.decode("utf-8-sig")


def test_a_facilitator_with_no_linked_record_sees_no_runs(client, world):
    client = signed_in(client, world.users["no_record"])
    mine = text(client.get("/admin/enrolment/your-runs/"))
    assert "You have no course runs" in mine and "ask the college's admin to link your account" in mine
    home = text(client.get("/admin/"))
    assert "Understanding anxiety" not in home and "Sleeping well" not in home


def test_a_content_editor_sees_no_people_at_all(client, world):
    client = signed_in(client, world.users["editor"])
    home = text(client.get("/admin/"))
    for words in ["Today and tomorrow", "Understanding anxiety", "Sleeping well", "Ada", "Beatrix", "Offers to phone"]:
        assert words not in home
    assert "Students" not in home and "Course runs" not in home and "Your course runs" not in home
    assert "Course set-up" in home  # what they do have


def test_a_coordinator_sees_every_run_and_finds_any_student(client, world):
    client = signed_in(client, world.users["coordinator"])
    home = text(client.get("/admin/"))
    assert "Understanding anxiety" in home and "Sleeping well" in home
    assert "Beatrix" in text(client.get("/admin/students/?q=Beatrix"))
    register = text(client.get(f"/admin/enrolment/runs/{world.run_b.pk}/register/"))
    assert "Wesley" in register and "Enrol someone" in register


def test_only_those_who_manage_users_can_link_a_facilitator_to_an_account(client, world):
    url = f"/admin/snippets/courses/facilitator/edit/{world.other_facilitator_a.pk}/"
    data = {"name": "Tom Alpha", "expertise": "training", "bio": "", "contact_email": "", "photo": ""}
    for role in ("coordinator", "editor"):
        staff = signed_in(client, world.users[role])
        assert 'name="user"' not in text(staff.get(url))
        staff.post(url, {**data, "user": world.users[role].pk})
        world.other_facilitator_a.refresh_from_db()
        assert world.other_facilitator_a.user is None, role
        staff.logout()
    admin = signed_in(client, world.users["admin"])
    assert 'name="user"' in text(admin.get(url))
    response = admin.post(url, {**data, "user": world.users["no_record"].pk})
    assert response.status_code == 302
    world.other_facilitator_a.refresh_from_db()
    assert world.other_facilitator_a.user == world.users["no_record"]
    # Linked now: the facilitator who saw nothing sees run A, which Tom facilitates.
    admin.logout()
    linked = signed_in(client, world.users["no_record"])
    assert linked.get(f"/admin/enrolment/runs/{world.run_a.pk}/register/").status_code == 200


def test_a_superuser_made_by_createsuperuser_still_sees_everything(client, world, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-password")
    call_command("createsuperuser", interactive=False, username="root", email="root@college.example", verbosity=0)
    root = signed_in(client, get_user_model().objects.get(username="root"))
    for url in [
        f"/admin/enrolment/runs/{world.run_b.pk}/register/",
        f"/admin/enrolment/runs/{world.run_a.pk}/sessions/{world.session_a.pk}/",
        "/admin/students/?export=csv",
        "/admin/reports/",
        "/admin/groups/",
    ]:
        assert outcome(root.get(url)) == "ok", url


@pytest.mark.django_db
def test_the_demo_college_loads_beside_the_roles_and_its_admin_sees_registers(client):
    call_command("load_demo_college", force=True, verbosity=0)
    assert Group.objects.filter(name__in=ROLE_NAMES).count() == len(ROLE_NAMES)
    admin = signed_in(client, get_user_model().objects.get(username="admin"))
    run = CourseRun.objects.first()
    assert admin.get(f"/admin/enrolment/runs/{run.pk}/register/").status_code == 200


def test_a_college_admin_can_change_each_role_in_settings_groups(client, world):
    admin = signed_in(client, world.users["admin"])
    facilitator_group = Group.objects.get(name="Facilitator")
    page = text(admin.get(f"/admin/groups/edit/{facilitator_group.pk}/"))
    assert "Facilitator" in page
    take_own = Permission.objects.get(codename="take_own_registers")
    assert f'value="{take_own.pk}"' in page and "Can see and take the registers of the runs they facilitate" in page
