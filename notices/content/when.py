"""Dates and times as people say them in the UK: "Tuesday 3 March 2027, 10am to midday",
"until 3pm on Tuesday 4 March". Always in the college's time zone, whatever the server's."""

import datetime as dt

from django.utils import dateformat

from home.templatetags.site_tags import nhs_moment, nhs_time


def time_words(value: dt.time) -> str:
    return nhs_time(value)  # the same words as the web pages: 10am, 2:30pm, midday


def date_words(value: dt.date) -> str:
    return dateformat.format(value, "l j F Y")


def session_time(session) -> str:
    return f"{time_words(session.start_time)} to {time_words(session.end_time)}"


def session_words(session) -> str:
    return f"{date_words(session.date)}, {session_time(session)}"


def moment_words(value: dt.datetime) -> str:
    """A deadline, without the year: it is always within days. The same words as the web pages."""
    return nhs_moment(value)
