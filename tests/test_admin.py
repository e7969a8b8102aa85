"""Staff can reach every part of course set-up in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model

from .factories import co_facilitators, make_course, make_run, make_topic


@pytest.fixture
def staff_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("staff", "staff@example.org", "pw"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/course_runs/",
        "/admin/course_runs/new/",
        "/admin/snippets/courses/location/",
        "/admin/snippets/courses/facilitator/",
        "/admin/snippets/courses/topic/",
        "/admin/snippets/courses/term/",
        "/admin/settings/home/collegesettings/",
        "/admin/settings/home/crisissupportsettings/",
    ],
)
def test_admin_screens_open(staff_client, url):
    assert staff_client.get(url, follow=True).status_code == 200


def test_course_runs_can_be_filtered_and_edited(staff_client, course_index):
    run = make_run(make_course(course_index, "Understanding anxiety"))
    listing = staff_client.get("/admin/course_runs/", {"status": "scheduled", "format": "in_person"})
    assert "Understanding anxiety" in listing.content.decode()
    edit = staff_client.get(f"/admin/course_runs/edit/{run.pk}/")
    assert edit.status_code == 200
    assert "Online joining details" in edit.content.decode()


def test_facilitators_and_topics_are_tick_boxes(staff_client, course_index):
    """In a multiple select a plain click on a second choice drops the first (and co-delivery
    needs two facilitators)."""
    co_facilitators()
    make_topic("Sleep")
    run_form = staff_client.get("/admin/course_runs/new/").content.decode()
    assert 'type="checkbox" name="facilitators"' in run_form
    add_course = f"/admin/pages/add/courses/coursepage/{course_index.pk}/"
    page_form = staff_client.get(add_course).content.decode()
    assert 'type="checkbox" name="topics"' in page_form


def test_searching_course_runs_lists_each_run_once(staff_client, course_index):
    """The search looks at facilitators' names too; a co-delivered run has two of them."""
    run = make_run(make_course(course_index, "Understanding anxiety"))
    listing = staff_client.get("/admin/course_runs/", {"q": "anxiety"}).content.decode()
    assert listing.count(f"/admin/enrolment/runs/{run.pk}/register/") == 1


def test_a_course_with_runs_cannot_be_deleted_by_accident(staff_client, course_index):
    course = make_course(course_index, "Hope")
    make_run(course)
    response = staff_client.post(f"/admin/pages/{course.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "has course runs, so it cannot be deleted" in response.content.decode()
    course.refresh_from_db()
    assert course.runs.count() == 1
