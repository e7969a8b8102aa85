"""The staff roles (issue 15, item 3), through the real admin with the groups the data migration
made: what each role gets at every admin address of ours, and that a facilitator never reaches
another run's people, by address, search, download or chooser.

The table (tests/role_table.py) is the promise. Outcomes: ok (the page, the file, or the change made and back to
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

from courses.models import CourseRun
from enrolment.models import Attendance, WalkIn
from staffauth.roles import ROLE_NAMES, ROLES

from .enrolment_admin_helpers import text
from .role_helpers import ROLES as COLUMNS
from .role_helpers import RUN_B_SECRETS, build_world, signed_in
from .role_table import POST, expected_table, routes


def outcome(response) -> str:
    if response.status_code == 302:
        if response.url.startswith("/admin/login/"):
            return "login"
        if response.url == "/admin/":
            return "home"
        return "ok"
    return "ok" if response.status_code == 200 else str(response.status_code)


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
