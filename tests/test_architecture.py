"""The apps depend on each other one way only, so a reader can follow a booking from the form to
the email without going back and forth:

    home, geo  <-  courses  <-  enrolment  <-  notices, reports, equality  <-  privacy   (college, demo: on top)

An app may import the apps to its left, never one to its right; the way back is a port that the
higher app plugs in as Django starts (courses/places.py, enrolment.services.records.connect_ledger).
And no first-party import hides inside a function to dodge a cycle; and only one module writes
Student rows (the demo builder aside, which makes made-up people)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "home": 0,
    "geo": 0,
    "staffauth": 0,
    "monitoring": 0,
    "courses": 1,
    "enrolment": 2,
    "notices": 3,
    "reports": 3,
    "equality": 3,
    "privacy": 4,
    "college": 9,
    "demo": 9,
}
FIRST_PARTY = set(LAYERS)
# Imports inside a function that are not about cycles, each with its reason.
INNER_IMPORTS_ALLOWED = {
    # Loaded by Celery beat before Django is set up, so models and settings are read on first use.
    ("monitoring/beat.py", "monitoring.models"): "runs before django.setup()",
    ("college/celery.py", "monitoring.checks"): "runs before django.setup()",
    # Only when DEBUG: the page that shows the demo's emails.
    ("college/urls.py", "notices.dev_views"): "DEBUG only",
}


def modules():
    for app in FIRST_PARTY:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported(node: ast.AST, path: Path, root: Path) -> list[str]:
    """The absolute module names an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module]
    package = path.relative_to(root).with_suffix("").parts[: -node.level + (path.name == "__init__.py")]
    return [".".join([*package, *(node.module or "").split(".")]).strip(".")]


def first_party_imports(path: Path, root: Path = ROOT):
    """(module imported, inside a function?, inside AppConfig.ready?) for each first-party import."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for name in imported(child, path, root):
                    if name.split(".")[0] in FIRST_PARTY:
                        found.append((name, function))
            visit(child, child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function)

    visit(tree)
    return found


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{path.relative_to(ROOT)} imports {name}"
        for app, path in modules()
        for name, _ in first_party_imports(path)
        if LAYERS[name.split(".")[0]] > LAYERS[app]
    ]
    assert not upward, "\n".join(upward)


def test_same_layer_apps_do_not_import_each_other():
    sideways = [
        f"{path.relative_to(ROOT)} imports {name}"
        for app, path in modules()
        for name, _ in first_party_imports(path)
        if name.split(".")[0] != app and LAYERS[name.split(".")[0]] == LAYERS[app] and LAYERS[app] < 9
    ]
    assert not sideways, "\n".join(sideways)


def test_no_first_party_import_hides_in_a_function():
    hidden = []
    for _, path in modules():
        where = str(path.relative_to(ROOT))
        for name, function in first_party_imports(path):
            # AppConfig.ready is where Django says signal receivers and ports are connected.
            if function and function != "ready" and (where, name) not in INNER_IMPORTS_ALLOWED:
                hidden.append(f"{where}: {name} imported inside {function}()")
    assert not hidden, "\n".join(hidden)


def test_the_checker_sees_upward_and_hidden_imports(tmp_path):
    # The rules must be able to fail: what a module imports, and where, is read correctly.
    (tmp_path / "courses").mkdir()
    bad = tmp_path / "courses" / "bad.py"
    bad.write_text("from enrolment.services import join_run\n\ndef f():\n    from .models import CourseRun\n")
    assert first_party_imports(bad, tmp_path) == [("enrolment.services", None), ("courses.models", "f")]


STUDENT_WRITES = re.compile(
    r"Student\.objects\b[^\n]*\.(create|update|get_or_create|update_or_create|bulk_create|bulk_update|delete)\("
    r"|\bstudent\.save\("
)
STUDENT_WRITER = "enrolment/services/students.py"


def test_only_the_students_service_writes_students():
    writers = [
        str(path.relative_to(ROOT))
        for app, path in modules()
        if app != "demo" and STUDENT_WRITES.search(path.read_text())
    ]
    assert writers == [STUDENT_WRITER], writers


SERVICE_MODULES = [
    *sorted((ROOT / "enrolment" / "services").glob("*.py")),
    ROOT / "enrolment" / "selectors.py",
    *(
        ROOT / "notices" / f"{name}.py"
        for name in ("ledger", "addresses", "staff", "sending", "sweep", "reminders", "reminder_rules", "dispatch")
    ),
]


def test_every_public_service_function_says_what_it_does():
    silent = [
        f"{path.relative_to(ROOT)}: {node.name}"
        for path in SERVICE_MODULES
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and not ast.get_docstring(node)
    ]
    assert not silent, "\n".join(silent)
