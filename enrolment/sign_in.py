"""Sending a student a link that signs them in to 'My courses'.

The request only writes the ledger row; the email worker sends it (notices.sending), so the page
answers at once whatever the email provider is doing."""

from django.db import transaction
from django.utils import timezone

from notices.ledger import owe_sign_in

from .links import new_nonce
from .models import Student


def send_sign_in_link(student: Student) -> None:
    with transaction.atomic():
        if not student.link_nonce:
            student.link_nonce = new_nonce()
            student.save(update_fields=["link_nonce"])
        owe_sign_in(student, now=timezone.now())
