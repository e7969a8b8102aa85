"""A Hypothesis state machine drives random enrol / cancel / accept / decline / expire / leave
sequences (single students, pairs and any-date waiters) and checks the booking invariants after
every step."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from courses.models import CourseRun
from enrolment import services
from enrolment.models import Enrolment, Offer, WaitlistEntry
from enrolment.selectors import free_places, joining_deadline, waiting_for

from .factories import make_course, make_location, make_run, make_student


def suits(entry: WaitlistEntry, run: CourseRun, location_ids: set[int]) -> bool:
    """The rule enrolment.selectors.waiting_queue puts in SQL, written plainly as the test's oracle."""
    if entry.run_id is not None:
        return entry.run_id == run.pk
    if run.is_online:
        return entry.online_ok
    return run.location_id in location_ids


STUDENTS = 8
student_index = st.integers(0, STUDENTS - 1)
run_index = st.integers(0, 1)
party = st.sampled_from([1, 1, 2])


class Booking(RuleBasedStateMachine):
    course_index = None  # set by the test below

    @initialize()
    def build(self):
        # Each example runs inside a savepoint that is rolled back afterwards.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.now = timezone.now()
        self.course = make_course(self.course_index)
        self.venue = make_location()
        first = timezone.localdate() + dt.timedelta(days=30)
        self.runs = [
            make_run(self.course, capacity=3, location=self.venue, first_date=first, sessions=2),
            make_run(self.course, capacity=2, format=CourseRun.Format.ONLINE, first_date=first),
        ]
        self.students = [make_student() for _ in range(STUDENTS)]

    def teardown(self):
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    def attempt(self, action, **kwargs):
        try:
            action(now=self.now, **kwargs)
        except services.EnrolmentError:
            pass  # refusals are valid answers; the invariants still have to hold

    @rule(who=student_index, which=run_index, places=party)
    def join(self, who, which, places):
        self.attempt(services.join_run, run_id=self.runs[which].pk, student=self.students[who], places=places)

    @rule(who=student_index, online_ok=st.booleans(), at_venue=st.booleans(), places=party)
    def wait_any_date(self, who, online_ok, at_venue, places):
        self.attempt(
            services.wait_for_any_date,
            course=self.course,
            student=self.students[who],
            online_ok=online_ok,
            location_ids=[self.venue.pk] if at_venue else [],
            places=places,
        )

    @rule(pick=st.integers(0, 50))
    def cancel(self, pick):
        ids = list(Enrolment.objects.holding_places().values_list("pk", flat=True))
        if ids:
            self.attempt(services.cancel_enrolment, enrolment_id=ids[pick % len(ids)])

    @rule(pick=st.integers(0, 50), accept=st.booleans())
    def answer_offer(self, pick, accept):
        ids = list(Offer.objects.live().values_list("pk", flat=True))
        if ids:
            action = services.accept_offer if accept else services.decline_offer
            self.attempt(action, offer_id=ids[pick % len(ids)])

    @rule()
    def time_passes_and_offers_expire(self):
        self.now += dt.timedelta(hours=49)
        services.expire_due_offers(now=self.now)

    @rule(pick=st.integers(0, 50))
    def leave(self, pick):
        ids = list(WaitlistEntry.objects.filter(status__in=WaitlistEntry.LIVE).values_list("pk", flat=True))
        if ids:
            self.attempt(services.leave_waitlist, entry_id=ids[pick % len(ids)])

    @invariant()
    def confirmed_and_held_places_never_exceed_capacity(self):
        for run in getattr(self, "runs", []):
            confirmed = sum(e.places for e in Enrolment.objects.holding_places().filter(run=run))
            held = sum(o.places for o in Offer.objects.live().filter(run=run))
            assert confirmed + held <= run.capacity

    @invariant()
    def nobody_is_on_a_run_twice(self):
        pairs = list(Enrolment.objects.holding_places().values_list("run_id", "student_id"))
        assert len(pairs) == len(set(pairs))

    @invariant()
    def every_free_place_is_offered_while_someone_who_could_take_it_waits(self):
        for run in getattr(self, "runs", []):
            deadline = joining_deadline(run)
            free = free_places(run)
            if free and self.now < deadline:
                assert not [e for e in waiting_for(run) if e.places <= free]

    @invariant()
    def nobody_is_offered_a_place_while_someone_ahead_who_could_take_it_waits(self):
        for offer in Offer.objects.live().select_related("entry", "run"):
            ahead = [e for e in waiting_for(offer.run) if (e.queue_key, e.pk) < (offer.entry.queue_key, offer.entry.pk)]
            assert all(e.places > offer.places for e in ahead), (offer, ahead)

    @invariant()
    def offers_only_go_to_people_the_run_suits(self):
        for offer in Offer.objects.live().select_related("entry", "run").prefetch_related("entry__locations"):
            assert suits(offer.entry, offer.run, {loc.pk for loc in offer.entry.locations.all()})


def test_booking_invariants_hold_for_random_sequences(course_index):
    Booking.course_index = course_index
    run_state_machine_as_test(
        Booking,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
