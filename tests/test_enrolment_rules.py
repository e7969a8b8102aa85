"""The enrolment rules, through the services that views, admin and tasks all call."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.models import Enrolment, EnrolmentSettings, Offer, StateChange, WaitlistEntry
from enrolment.models.places import Source
from enrolment.selectors import free_places, position_of
from enrolment.services import Outcome
from notices.models import Notice

from .factories import make_course, make_location, make_run, make_student

NOW = timezone.now()


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Building confidence")


@pytest.fixture
def run(course):
    return make_run(course, capacity=2, first_date=timezone.localdate() + dt.timedelta(days=10), sessions=4)


def join(run, student=None, **kwargs):
    return services.join_run(run_id=run.pk, student=student or make_student(), **kwargs)


def events(kind):
    return list(Notice.objects.filter(kind=kind).values_list("student_id", flat=True))


def test_enrolling_takes_a_place_records_it_and_publishes_a_confirmation(run):
    student = make_student()
    result = join(run, student)
    assert result.outcome is Outcome.ENROLLED
    assert free_places(run) == 1
    assert events("confirmed") == [student.pk]
    change = StateChange.objects.get(subject="enrolment")
    assert (change.to_state, change.actor_label) == ("confirmed", "system")


def test_when_full_students_join_the_waiting_list_in_order(run):
    join(run), join(run)
    first, second = join(run), join(run)
    assert (first.outcome, first.position) == (Outcome.WAITLISTED, 1)
    assert (second.outcome, second.position) == (Outcome.WAITLISTED, 2)
    assert len(events("waitlisted")) == 2


def test_asking_twice_creates_nothing_new(run):
    student = make_student()
    join(run, student)
    assert join(run, student).outcome is Outcome.ALREADY_ENROLLED
    assert Enrolment.objects.count() == 1
    join(run)
    waiting = make_student()
    join(run, waiting)
    assert join(run, waiting).outcome is Outcome.ALREADY_WAITING
    assert WaitlistEntry.objects.count() == 1


def test_cancelling_offers_the_place_to_the_first_person_waiting(run):
    first = join(run)
    join(run)
    waiting = [join(run).entry, join(run).entry]
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    offer = Offer.objects.get()
    assert offer.entry == waiting[0] and offer.status == Offer.Status.LIVE
    assert free_places(run) == 0  # the held place is not shown to the public
    assert join(run).outcome is Outcome.WAITLISTED
    assert events("offered") == [waiting[0].student_id]


def test_accepting_an_offer_enrols_and_a_later_cancellation_frees_the_place_again(run):
    first = join(run)
    join(run)
    waiting = [join(run).entry, join(run).entry]
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    enrolment = services.accept_offer(offer_id=Offer.objects.get().pk)
    assert enrolment.student_id == waiting[0].student_id
    services.cancel_enrolment(enrolment_id=enrolment.pk)
    assert Offer.objects.live().get().entry == waiting[1]


def test_declined_and_expired_offers_move_to_the_next_person(run):
    first = join(run)
    join(run)
    a, b, c = join(run).entry, join(run).entry, join(run).entry
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    services.decline_offer(offer_id=Offer.objects.live().get().pk)
    assert Offer.objects.live().get().entry == b
    later = Offer.objects.live().get().expires_at + dt.timedelta(seconds=1)
    assert services.expire_due_offers(now=later) == 1
    assert Offer.objects.live().get().entry == c
    assert WaitlistEntry.objects.get(pk=a.pk).status == "declined"
    assert WaitlistEntry.objects.get(pk=b.pk).status == "expired"
    assert events("offer_expired") == [b.student_id]


def test_a_late_acceptance_is_refused_kindly_and_the_place_passes_on(run):
    first = join(run)
    join(run)
    a, b = join(run).entry, join(run).entry
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    offer = Offer.objects.live().get()
    assert offer.entry == a  # the first person waiting, whose time runs out
    with pytest.raises(services.OfferExpired, match="time to accept this place has run out"):
        services.accept_offer(offer_id=offer.pk, now=offer.expires_at + dt.timedelta(minutes=1))
    assert Offer.objects.live().get().entry == b
    with pytest.raises(services.OfferExpired):  # asking again gets the same answer
        services.accept_offer(offer_id=offer.pk)
    declined = Offer.objects.live().get()
    services.decline_offer(offer_id=declined.pk)
    with pytest.raises(services.OfferNotLive, match="already been answered"):
        services.accept_offer(offer_id=declined.pk)


def test_offers_are_held_48_hours_or_until_the_course_starts_if_sooner(course):
    soon = make_run(
        course, capacity=1, first_date=timezone.localdate() + dt.timedelta(days=1), start=dt.time(22), end=dt.time(23)
    )
    first = join(soon)
    join(soon)
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    offer = Offer.objects.get()
    assert offer.expires_at == soon.first_session.starts_at
    later = make_run(course, capacity=1, first_date=timezone.localdate() + dt.timedelta(days=20))
    first = join(later)
    join(later)
    services.cancel_enrolment(enrolment_id=first.enrolment.pk, now=NOW)
    assert Offer.objects.get(run=later).expires_at == NOW + dt.timedelta(hours=48)


def test_automatic_confirmation_gives_the_place_without_an_offer(run):
    settings = EnrolmentSettings.load()
    settings.automatic_confirmation = True
    settings.save()
    first = join(run)
    join(run)
    waiting = join(run).entry
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    assert not Offer.objects.exists()
    assert Enrolment.objects.holding_places().filter(student=waiting.student).exists()


def test_a_pair_takes_two_places_together_and_keeps_its_place_in_the_queue(run):
    first, second = join(run), join(run)
    pair = join(run, places=2, supporter_name="Chris (carer)").entry
    single = join(run).entry
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    # One place free: the pair cannot use it, so the single behind them is offered it.
    assert Offer.objects.live().get().entry == single
    services.decline_offer(offer_id=Offer.objects.live().get().pk)
    services.cancel_enrolment(enrolment_id=second.enrolment.pk)
    offer = Offer.objects.live().get()
    assert (offer.entry, offer.places) == (pair, 2)
    enrolment = services.accept_offer(offer_id=offer.pk)
    assert (enrolment.places, enrolment.supporter_name) == (2, "Chris (carer)")
    assert free_places(run) == 0


def test_a_newcomer_never_takes_a_place_someone_waiting_could_have(run):
    first = join(run)
    join(run)
    join(run)
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    services.decline_offer(offer_id=Offer.objects.live().get().pk)
    assert join(run).outcome is Outcome.ENROLLED  # nobody left waiting, so a newcomer may have it


def test_any_date_waiters_are_offered_the_first_run_that_suits(course):
    banbury, witney = make_location("Banbury"), make_location("Witney")
    full_banbury = make_run(course, capacity=1, location=banbury)
    full_online = make_run(course, capacity=1, format=CourseRun.Format.ONLINE)
    taken = {r.pk: join(r).enrolment for r in (full_banbury, full_online)}
    student = make_student()
    entry = services.wait_for_any_date(course=course, student=student, online_ok=False, location_ids=[banbury.pk])
    assert entry.status == "waiting"
    services.cancel_enrolment(enrolment_id=taken[full_online.pk].pk)
    assert not Offer.objects.filter(entry=entry).exists()  # online does not suit them
    services.cancel_enrolment(enrolment_id=taken[full_banbury.pk].pk)
    assert Offer.objects.live().get(entry=entry).run == full_banbury
    roomy_witney = make_run(course, capacity=5, location=witney)
    other = services.wait_for_any_date(course=course, student=make_student(), online_ok=False, location_ids=[witney.pk])
    assert Offer.objects.get(entry=other).run == roomy_witney  # a suitable run with room: offered at once


def test_students_without_email_become_a_phone_task_for_staff(run):
    first = join(run)
    join(run)
    join(run, make_student(email=None, phone="01632 960 555"), source=Source.PHONE)
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    assert Offer.objects.get().by_phone


def test_staff_may_move_someone_up_only_with_a_reason(run):
    join(run), join(run)
    first, second = join(run).entry, join(run).entry
    staff = get_user_model().objects.create_user("staff")
    with pytest.raises(services.ReasonRequired):
        services.move_up(entry_id=second.pk, ahead_of_id=first.pk, reason="  ", actor=staff)
    services.move_up(
        entry_id=second.pk, ahead_of_id=first.pk, reason="Missed the last run through illness", actor=staff
    )
    assert position_of(WaitlistEntry.objects.get(pk=second.pk)) == 1
    change = StateChange.objects.filter(subject="waitlist", subject_id=second.pk).last()
    assert (change.actor, change.reason) == (staff, "moved up: Missed the last run through illness")


def test_going_over_capacity_is_an_explicit_logged_staff_action(run):
    join(run), join(run)
    staff = get_user_model().objects.create_user("staff")
    with pytest.raises(services.EnrolmentError, match="Only staff"):
        join(run, over_capacity_reason="Please")
    result = join(run, source=Source.PHONE, actor=staff, over_capacity_reason="Room has space for one more")
    assert result.outcome is Outcome.ENROLLED and result.enrolment.over_capacity
    assert (
        StateChange.objects.get(subject_id=result.enrolment.pk, subject="enrolment").reason
        == "Room has space for one more"
    )


def test_leaving_the_waiting_list_passes_on_a_held_offer(run):
    first = join(run)
    join(run)
    a, b = join(run).entry, join(run).entry
    services.cancel_enrolment(enrolment_id=first.enrolment.pk)
    services.leave_waitlist(entry_id=a.pk)
    assert Offer.objects.live().get().entry == b
    assert services.leave_waitlist(entry_id=a.pk).status == "declined"


@pytest.mark.parametrize(
    "change, error",
    [
        ({"status": CourseRun.Status.CANCELLED}, services.RunCancelled),
        (
            {"enrolment_opens": NOW + dt.timedelta(days=1), "enrolment_closes": NOW + dt.timedelta(days=2)},
            services.EnrolmentNotOpenYet,
        ),
        (
            {"enrolment_opens": NOW - dt.timedelta(days=9), "enrolment_closes": NOW - dt.timedelta(days=1)},
            services.EnrolmentClosed,
        ),
    ],
)
def test_closed_cancelled_and_not_yet_open_runs_refuse_kindly_and_change_nothing(run, change, error):
    CourseRun.objects.filter(pk=run.pk).update(**change)
    with pytest.raises(error) as raised:
        join(run)
    assert raised.value.message
    assert not Enrolment.objects.exists() and not WaitlistEntry.objects.exists()


def test_nobody_joins_after_the_second_session_has_started(course):
    started = make_run(
        course,
        first_date=timezone.localdate() - dt.timedelta(days=8),
        sessions=4,
        enrolment_closes=NOW + dt.timedelta(days=30),
    )
    with pytest.raises(services.EnrolmentClosed):
        join(started)
    missed_first = make_run(
        course,
        first_date=timezone.localdate() - dt.timedelta(days=1),
        sessions=4,
        enrolment_closes=NOW + dt.timedelta(days=30),
    )
    assert join(missed_first).outcome is Outcome.ENROLLED


def test_staff_can_enrol_by_phone_after_online_enrolment_closes(run):
    CourseRun.objects.filter(pk=run.pk).update(enrolment_closes=NOW - dt.timedelta(hours=1))
    assert join(run, source=Source.PHONE).outcome is Outcome.ENROLLED


def test_emails_are_matched_whatever_their_case_and_spaces():
    assert services.normalise_email("  Jo.Bloggs@Example.ORG ") == "jo.bloggs@example.org"
    assert services.normalise_email("   ") is None


def test_someone_holding_an_offer_is_reminded_once_before_it_ends(run):
    EnrolmentSettings.objects.update_or_create(pk=EnrolmentSettings.load().pk, defaults={"offer_reminder_hours": 12})
    join(run)
    join(run)
    waiting = join(run).entry
    services.cancel_enrolment(enrolment_id=Enrolment.objects.first().pk, now=NOW)
    offer = Offer.objects.live().get()
    assert offer.entry == waiting and offer.expires_at == NOW + dt.timedelta(hours=48)
    assert services.remind_offers_ending(now=NOW + dt.timedelta(hours=35)) == 0
    assert services.remind_offers_ending(now=NOW + dt.timedelta(hours=36)) == 1
    assert services.remind_offers_ending(now=NOW + dt.timedelta(hours=40)) == 0
    assert events("offer_ending") == [waiting.student_id]


def test_the_periodic_jobs_expire_offers_and_pass_the_place_on(run):
    from enrolment import tasks

    join(run)
    join(run)
    first, second = join(run).entry, join(run).entry
    services.cancel_enrolment(enrolment_id=Enrolment.objects.first().pk)
    Offer.objects.live().update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert tasks.expire_due_offers.delay().get() == 1
    assert Offer.objects.live().get().entry == second
    assert WaitlistEntry.objects.get(pk=first.pk).status == WaitlistEntry.Status.EXPIRED


def staff_user():
    return get_user_model().objects.create_user("staff", password="x", is_staff=True)


def test_an_over_capacity_reason_never_passes_someone_waiting_unrecorded(run):
    join(run)
    join(run)
    waiting = join(run).entry
    CourseRun.objects.filter(pk=run.pk).update(capacity=3)  # a place free, but not yet offered
    result = join(run, over_capacity_reason="Referred by the crisis team", actor=staff_user())
    assert result.enrolment.over_capacity
    assert StateChange.objects.filter(
        subject="enrolment", subject_id=result.enrolment.pk, reason="Referred by the crisis team"
    ).exists()
    assert WaitlistEntry.objects.get(pk=waiting.pk).status == WaitlistEntry.Status.WAITING


def test_raising_capacity_offers_the_new_places_to_those_waiting(run, django_capture_on_commit_callbacks):
    join(run)
    join(run)
    first, second, third = (join(run).entry for _ in range(3))
    run.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        run.save()
    assert sorted(Offer.objects.live().values_list("entry_id", flat=True)) == [first.pk, second.pk]
    assert WaitlistEntry.objects.get(pk=third.pk).status == WaitlistEntry.Status.WAITING


def test_moving_up_is_for_staff_within_one_queue_and_two_moves_never_tie(run, course):
    join(run)
    join(run)
    a, b, c, d = (join(run).entry for _ in range(4))
    other = make_run(course, capacity=1)
    join(other)
    elsewhere = join(other).entry
    with pytest.raises(services.EnrolmentError):
        services.move_up(entry_id=d.pk, ahead_of_id=a.pk, reason="urgent", actor="student")
    with pytest.raises(services.EnrolmentError):
        services.move_up(entry_id=elsewhere.pk, ahead_of_id=a.pk, reason="urgent", actor=staff_user())
    staff = get_user_model().objects.get(username="staff")
    services.move_up(entry_id=c.pk, ahead_of_id=b.pk, reason="carer leaving the area", actor=staff)
    services.move_up(entry_id=d.pk, ahead_of_id=b.pk, reason="referred urgently", actor=staff)
    queue = [e.pk for e in WaitlistEntry.objects.filter(run=run).in_queue_order()]
    assert queue == [a.pk, c.pk, d.pk, b.pk]
    assert len({e.queue_key for e in WaitlistEntry.objects.filter(run=run)}) == 4


def test_staff_taking_someone_off_a_waiting_list_record_why(run):
    join(run)
    join(run)
    entry = join(run).entry
    services.leave_waitlist(entry_id=entry.pk, actor=staff_user(), reason="moved away")
    change = StateChange.objects.filter(subject="waitlist", subject_id=entry.pk).last()
    assert (change.to_state, change.reason, change.actor_label) == ("left", "moved away", "staff")


def test_someone_offered_a_place_for_any_date_who_then_enrols_directly_is_not_booked_twice(course, run):
    join(run), join(run)  # full
    student = make_student()
    services.wait_for_any_date(course=course, student=student, online_ok=False, location_ids=[run.location_id])
    services.cancel_enrolment(enrolment_id=Enrolment.objects.filter(run=run).first().pk)
    offer = Offer.objects.live().get(entry__student=student)
    assert join(run, student).outcome is Outcome.ALREADY_WAITING
    services.accept_offer(offer_id=offer.pk)
    assert Enrolment.objects.holding_places().filter(run=run, student=student).count() == 1
