"""Shared set-up for tests/test_roles.py: two runs, A and B, with people on each, and a member of
staff in each role, signed in with their password and a code as they would be. The groups are the
ones the data migration made (staffauth/migrations/0002_roles.py), never built here."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from courses.models import CourseRun, Facilitator, Session
from enrolment import services
from enrolment.models import Attendance, Enrolment, EnrolmentSettings, Offer, Student, WaitlistEntry, WalkIn
from enrolment.models.places import Source
from notices.models import Kind, Notice, Wording

from .enrolment_admin_helpers import adult
from .factories import make_course, make_facilitator, make_run

# The columns of the role table, in order.
ROLES = ["admin", "coordinator", "facilitator", "no_record", "editor", "anonymous"]
GROUP_OF = {
    "admin": "College admin",
    "coordinator": "Course coordinator",
    "facilitator": "Facilitator",
    "no_record": "Facilitator",
    "editor": "Content editor",
}
# What only run B's people say: none of it may reach facilitator A.
RUN_B_SECRETS = ["Beatrix", "Brannigan", "Needs B: a seat by the door", "Wesley", "Bertie Walkin"]


@dataclass
class World:
    run_a: CourseRun
    run_b: CourseRun
    session_a: Session
    session_b: Session
    ada: Enrolment  # on run A
    ada_done: Enrolment  # Ada's completed place on a run Fay led last month: a certificate
    bea: Enrolment  # on run B
    waiting_a: WaitlistEntry
    waiting_a2: WaitlistEntry  # second on A's list, so "move up" has somewhere to go
    waiting_b: WaitlistEntry
    offer_a: Offer
    walk_in_a: WalkIn
    walk_in_b: WalkIn
    facilitator_a: Facilitator  # linked to the facilitator's account
    other_facilitator_a: Facilitator
    to_call: Notice
    failed: Notice
    student_not_emailable: Student
    wording: Wording
    users: dict


def staff_user(username: str, group: str):
    user = get_user_model().objects.create_user(username, f"{username}@college.example", "a-long-password")
    user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(client, user):
    """Password and a code from their app, as the two real steps leave the session."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def notice(student, run, status, channel) -> Notice:
    now = timezone.now()
    return Notice.objects.create(
        key=f"roles:{uuid.uuid4().hex}",
        kind=Kind.REMINDER_SESSION,
        student=student,
        run=run,
        status=status,
        channel=channel,
        created_at=now,
        due_at=now,
    )


def join(run, student):
    # By phone: the runs start today, after online enrolment has closed.
    return services.join_run(run_id=run.pk, student=student, source=Source.PHONE)


def build_world(course_index) -> World:
    users = {role: staff_user(role, group) for role, group in GROUP_OF.items()}
    facilitator_a = make_facilitator(Facilitator.Expertise.EXPERIENCE, "Fay Alpha", user=users["facilitator"])
    other_facilitator_a = make_facilitator(Facilitator.Expertise.TRAINING, "Tom Alpha")
    today = timezone.localdate()
    run_a = make_run(
        make_course(course_index, "Understanding anxiety"),
        first_date=today,
        sessions=2,
        capacity=2,
        facilitators=[facilitator_a, other_facilitator_a],
    )
    run_b = make_run(make_course(course_index, "Sleeping well"), first_date=today, sessions=2, capacity=1)
    ada = join(run_a, adult(name="Ada", support_needs="Needs A: large print")).enrolment
    carl = join(run_a, adult(name="Carl")).enrolment
    waiting_a = join(run_a, adult(name="Wendy")).entry
    waiting_a2 = join(run_a, adult(name="Will")).entry
    waiting_a3 = join(run_a, adult(name="Wilma")).entry
    services.cancel_enrolment(enrolment_id=carl.pk)  # Wendy is offered Carl's place
    bea_student = adult(name="Beatrix", support_needs="Needs B: a seat by the door")
    Student.objects.filter(pk=bea_student.pk).update(last_name="Brannigan")
    bea = join(run_b, Student.objects.get(pk=bea_student.pk)).enrolment
    waiting_b = join(run_b, adult(name="Wesley")).entry
    session_a, session_b = run_a.session_list[0], run_b.session_list[0]
    now = timezone.now()
    walk_in_a = WalkIn.objects.create(session=session_a, name="Alfie Walkin", added_at=now)
    walk_in_b = WalkIn.objects.create(session=session_b, name="Bertie Walkin", added_at=now)
    run_done = make_run(
        run_a.course, first_date=today - dt.timedelta(days=28), facilitators=[facilitator_a, other_facilitator_a]
    )
    ada_done = Enrolment.objects.create(run=run_done, student=ada.student)
    Attendance.objects.create(
        session=run_done.session_list[0], enrolment=ada_done, mark=Attendance.Mark.PRESENT, marked_at=now
    )
    college_settings = EnrolmentSettings.load()
    college_settings.certificates = True
    college_settings.save()
    not_emailable = adult(name="Nina")
    Student.objects.filter(pk=not_emailable.pk).update(email_undeliverable_at=now - dt.timedelta(days=1))
    return World(
        run_a=run_a,
        run_b=run_b,
        session_a=session_a,
        session_b=session_b,
        ada=ada,
        ada_done=ada_done,
        bea=bea,
        waiting_a=waiting_a3,
        waiting_a2=waiting_a2,
        waiting_b=waiting_b,
        offer_a=Offer.objects.get(entry=waiting_a),
        walk_in_a=walk_in_a,
        walk_in_b=walk_in_b,
        facilitator_a=facilitator_a,
        other_facilitator_a=other_facilitator_a,
        to_call=notice(ada.student, run_a, Notice.Status.TO_CALL, Notice.Channel.PHONE),
        failed=notice(ada.student, run_a, Notice.Status.FAILED, Notice.Channel.EMAIL),
        student_not_emailable=not_emailable,
        wording=Wording.objects.create(kind=Kind.CONFIRMED, subject="You have a place", preview="", body="Hello."),
        users=users,
    )
