"""Asking for a sign-in link and reading it from the email, as a student would."""

import re

from django.test import TestCase


def ask_for_link(client, email):
    # The email is queued when the request's transaction commits; run that here, as a worker would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/my-courses/sign-in/", {"email": email})


def emailed_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/link/\S+/)", message.body).group(1)
