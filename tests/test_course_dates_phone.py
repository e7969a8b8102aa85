"""The course dates page on a phone: the courses come first and the filters after them, reached
by a "Filter courses" link; the choices in use are shown above the results as tags, each taking
one choice away."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from .test_course_dates import catalogue, get, titles  # noqa: F401  (catalogue is a fixture)


def tags(response) -> dict[str, dict]:
    """Each tag's words (without the hidden 'Remove: ') and the query its link leaves."""
    html = response.content.decode()
    found = {}
    for href, inner in re.findall(r'<a class="college-filter-tag" href="([^"]*)">(.*?)</a>', html, re.S):
        words = unescape(re.sub(r"<[^>]+>", "", inner)).replace("Remove: ", "").replace("\u2715", "").strip()
        found[words] = parse_qs(urlsplit(unescape(href)).query)
    return found


@pytest.mark.django_db
def test_the_courses_come_before_the_filters_with_a_link_to_them(client, catalogue):  # noqa: F811
    html = get(client).content.decode()
    first_course, filter_form = html.index('class="college-results"'), html.index('id="filters"')
    assert first_course < filter_form
    link = html.index('href="#filters">Filter courses</a>')
    assert link < first_course


@pytest.mark.django_db
def test_an_error_summary_still_links_to_the_choice_to_fix(client, catalogue):  # noqa: F811
    html = get(client, date_from="31/02/2027").content.decode()
    assert 'href="#id_date_from"' in html and 'id="id_date_from"' in html


@pytest.mark.django_db
def test_no_tags_without_filters(client, catalogue):  # noqa: F811
    response = get(client)
    assert tags(response) == {}
    assert "Clear filters" not in response.content.decode()


@pytest.mark.django_db
def test_each_choice_in_use_is_a_tag_that_takes_only_that_choice_away(client, catalogue):  # noqa: F811
    topic = catalogue["Sleep well"].course.topics.first()
    response = get(client, topic=topic.slug, day=["2", "6"], has_spaces="on", page="1")
    assert titles(response) == ["Sleep well"]
    found = tags(response)
    assert set(found) == {"Sleep", "Monday", "Friday", "Only courses with spaces"}
    assert found["Monday"] == {"topic": [topic.slug], "day": ["6"], "has_spaces": ["on"]}
    assert found["Sleep"] == {"day": ["2", "6"], "has_spaces": ["on"]}
    assert "page" not in str(found)  # a removed choice starts again at page 1
    # Following the tag really drops the topic: it is no longer among the choices in use.
    after = client.get("/course-dates/?" + "&".join(f"{k}={v}" for k, vs in found["Sleep"].items() for v in vs))
    assert "Sleep" not in tags(after)
    assert re.search(r'<a class="nhsuk-link" href="/course-dates/">Clear filters</a>', response.content.decode())


@pytest.mark.django_db
def test_search_and_postcode_and_dates_are_tags_too(client, catalogue):  # noqa: F811
    found = tags(get(client, q="sleep", date_from="1/1/2027", postcode="ox4 1aa"))
    assert set(found) == {"Search: sleep", "Starting from 1/1/2027", "Near OX4 1AA"}
    assert "postcode" not in found["Near OX4 1AA"]


@pytest.mark.django_db
def test_a_choice_we_could_not_use_is_not_shown_as_a_tag(client, catalogue):  # noqa: F811
    assert tags(get(client, date_from="31/02/2027", day="9")) == {}
