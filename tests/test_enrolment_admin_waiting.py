"""The staff side of the waiting list in the Wagtail admin: cancelling on someone's behalf, moving
someone up or off the list, the register and sign-in sheet, and the offers staff phone about."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone
from wagtail.users.models import UserProfile

from enrolment import services
from enrolment.models import Enrolment, Offer, StateChange, WaitlistEntry
from enrolment.selectors import waiting_for

from .enrolment_admin_helpers import adult, text
from .factories import fill

# Cancelling, the waiting list


def test_cancelling_on_behalf_frees_the_place_and_offers_it_to_the_first_person_waiting(staff_client, run, staff):
    first, second, waiting = adult(), adult(), adult()
    for student in (first, second, waiting):
        services.join_run(run_id=run.pk, student=student)
    enrolment = Enrolment.objects.get(student=first)
    url = f"/admin/enrolment/runs/{run.pk}/places/{enrolment.pk}/cancel/"
    assert "Cancel" in text(staff_client.get(url))
    enrolment.refresh_from_db()
    assert enrolment.status == "confirmed"  # the confirm page changes nothing

    response = staff_client.post(url, {"reason": "Phoned: moving house"}, follow=True)
    assert f"The freed place has been offered to {waiting}" in text(response)
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"
    change = StateChange.objects.get(subject="enrolment", subject_id=enrolment.pk, to_state="cancelled")
    assert (change.actor, change.reason) == (staff, "Phoned: moving house")
    assert Offer.objects.live().get().entry.student == waiting


def queue_of(run, count: int) -> list[WaitlistEntry]:
    fill(run, run.capacity)
    return [services.join_run(run_id=run.pk, student=adult()).entry for _ in range(count)]


def test_moving_someone_up_needs_a_reason_and_then_reorders_the_queue(staff_client, run, staff):
    first, second, third = queue_of(run, 3)
    url = f"/admin/enrolment/runs/{run.pk}/waiting/{third.pk}/move-up/"
    response = staff_client.post(url, {"ahead_of": first.pk, "reason": "  "})
    assert "Please give a reason" in text(response)
    assert [e.pk for e in waiting_for(run)] == [first.pk, second.pk, third.pk]

    response = staff_client.post(url, {"ahead_of": first.pk, "reason": "Urgent referral"}, follow=True)
    assert "is now number 1 on the waiting list" in text(response)
    assert [e.pk for e in waiting_for(run)] == [third.pk, first.pk, second.pk]
    change = StateChange.objects.filter(subject="waitlist", subject_id=third.pk).last()
    assert (change.actor, change.reason) == (staff, "moved up: Urgent referral")


def test_staff_can_take_someone_off_the_waiting_list(staff_client, run, staff):
    (entry,) = queue_of(run, 1)
    staff_client.post(f"/admin/enrolment/runs/{run.pk}/waiting/{entry.pk}/remove/")
    entry.refresh_from_db()
    assert entry.status == "left"
    assert StateChange.objects.filter(subject_id=entry.pk, to_state="left").get().actor == staff


def test_the_register_shows_names_support_needs_and_the_waiting_list_in_order(staff_client, run):
    on_course = adult(name="Robin", support_needs="Uses a wheelchair")
    services.join_run(run_id=run.pk, student=on_course, places=2, supporter_name="Jo")
    first, second = (services.join_run(run_id=run.pk, student=adult(name=name)).entry for name in ("Ash", "Bea"))
    page = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/"))
    assert "2 of 2 places taken" in page
    assert "Robin" in page and "Uses a wheelchair" in page and "Jo" in page
    assert page.index(str(first.student)) < page.index(str(second.student))
    sheet = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/sign-in-sheet/"))
    assert "Jo (supporting Robin" in sheet
    assert sheet.count('class="sign"') == 3 * (2 + 3)  # 3 sessions, 2 people and 3 spare rows


def test_the_course_runs_list_links_to_each_register(staff_client, run):
    assert f"/admin/enrolment/runs/{run.pk}/register/" in text(staff_client.get("/admin/course_runs/"))


# Offers to phone


def phone_offer(run) -> Offer:
    """A place offered to a student with no email, so staff must phone them."""
    fill(run, 1)
    leaving = adult()
    services.join_run(run_id=run.pk, student=leaving)
    services.join_run(
        run_id=run.pk, student=adult(name="Lee", email=None, phone="07700 900456", postal_address="3 Cowley Road")
    )
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get(student=leaving).pk)
    return Offer.objects.live().get()


def test_the_call_list_shows_phone_offers_in_london_time_and_records_acceptance(staff_client, run, staff):
    offer = phone_offer(run)
    profile = UserProfile.get_for_user(staff)  # times must still be London times for this user
    profile.current_time_zone = "America/New_York"
    profile.save()
    page = text(staff_client.get("/admin/enrolment/offers-to-phone/"))
    assert "Lee" in page and "07700 900456" in page and "3 Cowley Road" in page
    london = timezone.localtime(offer.expires_at, ZoneInfo("Europe/London"))
    clock = f"{london:%-I}" + ("" if london.minute == 0 else f":{london:%M}") + ("pm" if london.hour >= 12 else "am")
    assert f"{dateformat.format(london, 'D j M Y')}, {clock}" in page  # "Fri 4 Dec 2026, 3:31pm"

    url = f"/admin/enrolment/offers/{offer.pk}/accepted/"
    assert "Yes, record it" in text(staff_client.get(url))
    response = staff_client.post(url, follow=True)
    assert "Lee" in text(response) and "is enrolled" in text(response)
    enrolment = Enrolment.objects.get(student=offer.entry.student)
    assert StateChange.objects.get(subject="enrolment", subject_id=enrolment.pk).actor == staff
    assert "Lee" not in text(staff_client.get("/admin/enrolment/offers-to-phone/"))


def test_a_late_or_repeated_answer_is_explained_kindly(staff_client, run):
    offer = phone_offer(run)
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = staff_client.post(f"/admin/enrolment/offers/{offer.pk}/accepted/", follow=True)
    assert "This offer ran out before the answer was recorded" in text(response)
    assert not Enrolment.objects.filter(student=offer.entry.student).exists()
    response = staff_client.post(f"/admin/enrolment/offers/{offer.pk}/declined/", follow=True)
    assert "already been answered, so nothing has changed" in text(response)
