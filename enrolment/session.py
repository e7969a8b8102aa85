"""Who is signed in to 'My courses'. Students have no passwords: a signed link from their email
signs them in for this browser session only."""

from django.conf import settings

from .models import Student

KEY = "enrolment_student_id"


def sign_in(request, student: Student) -> None:
    # A new session key, so a session id seen before signing in is worth nothing after.
    request.session.cycle_key()
    request.session[KEY] = student.pk
    request.session.set_expiry(settings.STUDENT_SESSION_SECONDS)


def signed_in_student(request) -> Student | None:
    student_id = request.session.get(KEY)
    if student_id is None:
        return None
    return Student.objects.filter(pk=student_id, forgotten_at__isnull=True).first()


def sign_out(request) -> None:
    request.session.flush()
