"""Static files as production ships them: `collectstatic` with the production settings' storage
writes a manifest, and every page that links a static file links a hashed copy that exists.

Without this, a package naming a source map it does not ship (wagtail-nhsuk-frontend 2.1.0) stops
collectstatic with MissingFileError, no manifest is written, and every page answers 500."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import get_resolver

BASE_DIR = Path(__file__).resolve().parent.parent
HASHED = re.compile(r"\.[0-9a-f]{12}\.")
STATIC_URLS = re.compile(r"""/static/[^"'\s)<>]+""")

# What collectstatic does with production's settings: read the same storage it uses, in a process
# of its own, because production.py refuses to load without its environment (README).
COLLECT = """
import django
from django.conf import settings
from django.core.management import call_command
django.setup()
call_command("collectstatic", interactive=False, verbosity=0)
print(settings.STORAGES["staticfiles"]["BACKEND"])
"""


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> tuple[Path, str]:
    """One real collectstatic for the module (a few seconds): the folder and the storage used."""
    static_root = tmp_path_factory.mktemp("static_root")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "college.settings.production",
        "SECRET_KEY": "collectstatic-test-" + "x" * 50,
        # Read, never connected to: collectstatic needs neither the database nor Redis.
        "DATABASE_URL": "postgres://college:college@127.0.0.1:5432/not_used",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "ALLOWED_HOSTS": "courses.example.org",
        "SITE_URL": "https://courses.example.org",
        "STATIC_ROOT": str(static_root),
        "EMAIL_PROVIDER": "console",  # a real provider would also need its keys; not what is tested
    }
    done = subprocess.run(
        [sys.executable, "-c", COLLECT], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return static_root, done.stdout.strip().splitlines()[-1]


@pytest.fixture
def manifest_storage(collected):
    static_root, backend = collected
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    with override_settings(STORAGES=storages, STATIC_ROOT=static_root, DEBUG=False):
        yield json.loads((static_root / "staticfiles.json").read_text())["paths"]


def assert_static_links_are_hashed_and_collected(html: str, manifest: dict, static_root: Path):
    links = set(STATIC_URLS.findall(html))
    assert links, "the page links no static files"
    hashed_names = set(manifest.values())
    for link in links:
        name = link.removeprefix(settings.STATIC_URL).split("?")[0].split("#")[0]
        assert name in hashed_names, f"{link} is not a hashed name in the manifest"
        assert HASHED.search(name), link
        assert (static_root / name).is_file(), link


def test_collectstatic_writes_a_manifest_including_the_nhs_frontend(collected):
    static_root, backend = collected

    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    frontend_css = [name for name in manifest if name.startswith("wagtailnhsukfrontend/css/")]
    assert frontend_css and all(HASHED.search(manifest[name]) for name in frontend_css)
    # Compressed copies for WhiteNoise to send.
    assert (static_root / (manifest[frontend_css[0]] + ".gz")).is_file()
    assert backend == "college.storage.ForgivingSourceMapsStorage"


def test_the_script_that_starts_nhs_frontend_imports_a_file_that_was_collected(collected):
    # base.html links js/nhsuk-init.js (hashed); the browser then fetches what it imports, by a
    # path relative to its own address, which no page links and the manifest does not rewrite.
    static_root, _ = collected
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    start = static_root / manifest["js/nhsuk-init.js"]
    (imported,) = re.findall(r'^import .* from "([^"]+)";$', start.read_text(), flags=re.MULTILINE)

    assert (start.parent / imported).resolve().is_file(), imported


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/course-dates/", "/admin/login/", "/no-such-page/"])
def test_pages_link_hashed_static_files_that_were_collected(client, course_index, manifest_storage, collected, path):
    response = client.get(path)

    assert response.status_code == (404 if path == "/no-such-page/" else 200)
    assert_static_links_are_hashed_and_collected(response.content.decode(), manifest_storage, collected[0])


@pytest.mark.parametrize("status", [400, 500])
def test_the_pages_shown_when_things_break_link_hashed_static_files(manifest_storage, collected, status):
    # Rendered with no request and no database; a name missing from the manifest would fail here.
    handler = get_resolver().resolve_error_handler(status)
    kwargs = {"exception": SuspiciousOperation()} if status == 400 else {}
    response = handler(RequestFactory().get("/"), **kwargs)

    assert response.status_code == status
    assert_static_links_are_hashed_and_collected(response.content.decode(), manifest_storage, collected[0])


# The storage itself, on a folder of our own: a missing source map is forgiven, nothing else is.


@pytest.fixture
def collect_folder(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "css").mkdir(parents=True)

    def collect(css: str):
        (source / "css" / "site.css").write_text(css)
        with override_settings(
            STATICFILES_DIRS=[source],
            STATIC_ROOT=target,
            STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
            STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "college.storage.ForgivingSourceMapsStorage"}},
        ):
            call_command("collectstatic", interactive=False, verbosity=0)
        manifest = json.loads((target / "staticfiles.json").read_text())["paths"]
        return (target / manifest["css/site.css"]).read_text()

    return collect


def test_a_comment_naming_a_source_map_that_is_not_shipped_is_left_as_it_is(collect_folder):
    css = collect_folder("body{color:#212b32}\n/*# sourceMappingURL=site.css.map */\n")

    assert "/*# sourceMappingURL=site.css.map */" in css


def test_a_missing_image_or_import_still_stops_collectstatic(collect_folder):
    with pytest.raises(ValueError, match="missing.png"):
        collect_folder("body{background:url(missing.png)}\n")
    with pytest.raises(ValueError, match="gone.css"):
        collect_folder('@import "gone.css";\n')
