"""Sending a student a link that signs them in to 'My courses'.

The request only writes the ledger row; the email worker sends it (notices.sending), so the page
answers at once whatever the email provider is doing."""

from django.db import transaction
from django.utils import timezone

from .models import Student
from .services.records import publish_sign_in
from .services.students import ensure_link_nonce


def send_sign_in_link(student: Student) -> None:
    with transaction.atomic():
        ensure_link_nonce(student)
        publish_sign_in(student, now=timezone.now())
