"""The demo's Wagtail pages: home, course dates, the plain content pages and one page per course.

A page is matched by its slug under its parent. New pages are published with a revision, as if
an editor had made them; existing pages are never saved again, since publishing adds a revision."""

from collections import Counter

from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, Topic
from home.models import ContentPage, HomePage

from .content import college, text_blocks
from .content.courses import COURSES, Course
from .records import DemoConflict
from .site import is_wagtail_welcome_page, remove_welcome_page


def child_with_slug(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).specific().first()


def add_page(parent: Page, page: Page, created: Counter) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    created["pages"] += 1
    return page


def ensure_page(parent: Page, page: Page, created: Counter) -> Page:
    """The child of `parent` with `page`'s slug. `page` is added and published only if there is
    none; a child of another type is a conflict."""
    existing = child_with_slug(parent, page.slug)
    if existing is None:
        return add_page(parent, page, created)
    if not isinstance(existing, type(page)):
        raise DemoConflict(
            f"The page at {existing.url_path!r} is a {existing._meta.verbose_name}, not a "
            f"{page._meta.verbose_name}. Move or rename it, then run the demo again."
        )
    return existing


def ensure_home_page(created: Counter) -> HomePage:
    """The home page sits straight under Wagtail's root, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    existing = child_with_slug(root, college.HOME["slug"])
    if existing is not None and is_wagtail_welcome_page(existing):
        remove_welcome_page(existing, root, created)
    return ensure_page(root, HomePage(**college.HOME), created)


def ensure_site_pages(home: HomePage, created: Counter) -> CourseIndexPage:
    """The course dates page and the plain content pages; returns the course dates page."""
    index = ensure_page(home, CourseIndexPage(**college.COURSE_INDEX), created)
    for fields in college.CONTENT_PAGES:
        ensure_page(home, ContentPage(**fields), created)
    return index


def ensure_course_pages(index: CourseIndexPage, topics: dict[str, Topic], created: Counter) -> dict[str, CoursePage]:
    return {course.slug: ensure_page(index, course_page(course, topics), created) for course in COURSES}


def course_page(course: Course, topics: dict[str, Topic]) -> CoursePage:
    page = CoursePage(
        title=course.title,
        slug=course.slug,
        summary=course.summary,
        who_it_is_for=course.who_it_is_for,
        what_you_will_learn=course.what_you_will_learn,
        practical_tools=course.practical_tools,
        accessibility_notes=course.accessibility_notes,
        body=text_blocks(course.body) if course.body else [],
    )
    page.topics = [topics[slug] for slug in course.topics]
    return page
