"""Sending a student a link that signs them in to 'My courses'.

For now the email goes out from the request (console backend locally). The emails issue moves
every outbox event, this one included, to the Celery email queue."""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .links import SIGN_IN_HOURS, Purpose, link_path, new_nonce
from .models import OutboxEvent, Student
from .services.records import publish


def send_sign_in_link(request, student: Student) -> None:
    with transaction.atomic():
        if not student.link_nonce:
            student.link_nonce = new_nonce()
            student.save(update_fields=["link_nonce"])
        publish(OutboxEvent.Kind.SIGN_IN, student, student=student, run=None, now=timezone.now())
    url = request.build_absolute_uri(link_path(Purpose.SIGN_IN, student.pk, nonce=student.link_nonce))
    context = {"student": student, "url": url, "hours": SIGN_IN_HOURS}
    send_mail(
        subject="Your link to sign in", from_email=None, recipient_list=[student.email],
        message=render_to_string("enrolment/email/sign_in.txt", context),
        html_message=render_to_string("enrolment/email/sign_in.html", context),
    )
