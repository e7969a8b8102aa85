"""Issue 13 item 1: waiting for 'any date' must not get round a run's enrolment window. Places on
a run are offered only while its enrolment is open; the sweep offers them when it opens."""

import datetime as dt

import pytest
from django.utils import timezone

from enrolment import services
from enrolment.models import Offer, WaitlistEntry
from enrolment.tasks import offer_places_as_enrolment_opens
from notices.models import Notice

from .factories import make_course, make_location, make_run, make_student

pytestmark = pytest.mark.django_db

NOW = timezone.now()
OPENS = NOW + dt.timedelta(days=20)


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Understanding anxiety")


@pytest.fixture
def venue():
    return make_location("Oxford hub")


@pytest.fixture
def full_run(course, venue):
    run = make_run(course, capacity=1, location=venue, first_date=timezone.localdate() + dt.timedelta(days=14))
    services.join_run(run_id=run.pk, student=make_student(), now=NOW)
    return run


@pytest.fixture
def later_run(course, venue):
    """Enrolment opens in 20 days; the course starts 40 days after that."""
    return make_run(
        course,
        capacity=2,
        location=venue,
        first_date=timezone.localdate() + dt.timedelta(days=60),
        enrolment_opens=OPENS,
    )


def wait_any(course, venue, now=NOW, **kwargs):
    return services.wait_for_any_date(
        course=course, student=make_student(), online_ok=True, location_ids=[venue.pk], now=now, **kwargs
    )


def test_waiting_for_any_date_is_not_offered_a_run_whose_enrolment_has_not_opened(course, venue, full_run, later_run):
    entry = wait_any(course, venue)
    assert entry.status == WaitlistEntry.Status.WAITING
    assert not Offer.objects.filter(run=later_run).exists()
    assert not Notice.objects.filter(kind="offered").exists()


def test_a_freed_place_before_enrolment_opens_waits_for_it_to_open(course, venue, later_run):
    # Staff may take a phone booking before the window; cancelling it must not hand the place on early.
    staff_booking = services.join_run(run_id=later_run.pk, student=make_student(), source="phone", now=NOW)
    entry = wait_any(course, venue)
    services.cancel_enrolment(enrolment_id=staff_booking.enrolment.pk, now=NOW + dt.timedelta(hours=1))
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.WAITING
    assert not Offer.objects.exists()


def test_when_enrolment_opens_the_sweep_offers_places_in_queue_order_once(course, venue, full_run, later_run):
    first = wait_any(course, venue, now=NOW)
    pair = wait_any(course, venue, now=NOW + dt.timedelta(minutes=1), places=2, supporter_name="Sam")
    third = wait_any(course, venue, now=NOW + dt.timedelta(minutes=2))
    fourth = wait_any(course, venue, now=NOW + dt.timedelta(minutes=3))

    assert services.offer_places_as_enrolment_opens(now=OPENS - dt.timedelta(minutes=1)) == 0
    assert not Offer.objects.exists()

    assert services.offer_places_as_enrolment_opens(now=OPENS + dt.timedelta(seconds=30)) == 2
    # Two places: the first in the queue takes one; the pair needs two together, so keeps its
    # position and the next person whose party fits has the other.
    offered = list(Offer.objects.live().filter(run=later_run).order_by("pk").values_list("entry_id", flat=True))
    assert offered == [first.pk, third.pk]
    assert WaitlistEntry.objects.get(pk=pair.pk).status == WaitlistEntry.Status.WAITING
    assert WaitlistEntry.objects.get(pk=fourth.pk).status == WaitlistEntry.Status.WAITING
    assert Notice.objects.filter(kind="offered").count() == 2

    # The next sweep (and the Celery task) finds nothing more to do: each person is offered once.
    assert services.offer_places_as_enrolment_opens(now=OPENS + dt.timedelta(minutes=1)) == 0
    offer_places_as_enrolment_opens.run()
    assert Offer.objects.count() == 2
    assert Notice.objects.filter(kind="offered").count() == 2


def test_the_sweep_leaves_runs_that_are_closed_or_cancelled(course, venue, later_run):
    wait_any(course, venue)
    later_run.status = later_run.Status.CANCELLED
    later_run.save()
    assert services.offer_places_as_enrolment_opens(now=OPENS + dt.timedelta(minutes=1)) == 0
    assert not Offer.objects.exists()
