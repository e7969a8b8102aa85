"""One message for many people, when the provider takes batches (Mailgun): the body is shared and
names nobody, each person's details go as merge data, and the reminders for one session go as one
message."""

import datetime as dt
import json
import re

from anymail.backends.mailgun import EmailBackend as MailgunBackend
from django.core import mail

from enrolment import services
from enrolment.links import Purpose, read_link
from notices import content, reminders, sending
from notices.models import Kind, Notice

from .email_helpers import (
    both,
    understanding_anxiety_run,  # noqa: F401 (the fixture `run`)
)
from .notice_helpers import claimed, make_student


def mailgun_batch(settings, run, students):
    settings.EMAIL_PROVIDER, settings.EMAIL_BATCH_SENDING = "mailgun", True
    for student in students:
        services.join_run(run_id=run.pk, student=student)
    reminders.owe_due_reminders(now=run.sessions.first().starts_at - dt.timedelta(days=1))
    return [claimed(n) for n in Notice.objects.filter(kind=Kind.REMINDER_SESSION).order_by("pk")]


def test_a_mailgun_batch_shares_one_body_with_each_persons_details_as_merge_data(settings, run):
    ana, bo = make_student("Ana"), make_student("Bo <Jo>")
    notices = mailgun_batch(settings, run, [ana, bo])
    message = content.build_batch(notices)
    text, html = both(message)
    assert message.to == [ana.email, bo.email]
    assert "Hello %recipient.first_name%," in text and "Hello %recipient.first_name_html%," in html
    assert "%recipient.manage_url%" in text and 'href="%recipient.manage_url%"' in html
    assert "%recipient.stop_url%" in text and 'href="%recipient.stop_url%"' in html
    assert "Ana" not in text + html and "Bo" not in text + html  # nobody's details in the shared body
    assert message.merge_metadata == {n.student.email: {"notice": str(n.pk)} for n in notices}
    assert message.merge_headers[bo.email] == {"Message-ID": f"<notice-{notices[1].pk}@recovery-college.example.org>"}
    for notice in notices:
        values = message.merge_data[notice.student.email]
        manage, stop = (read_link(re.search(r"/link/([^/]+)/$", values[key])[1]) for key in ("manage_url", "stop_url"))
        assert (manage.purpose, manage.object_id) == (Purpose.CANCEL, notice.subject_id)
        assert (stop.purpose, stop.object_id) == (Purpose.STOP_REMINDERS, notice.student_id)
    assert message.merge_data[bo.email]["first_name_html"] == "Bo &lt;Jo&gt;"
    # What anymail would post to Mailgun: one call, each person's values as recipient variables.
    backend = MailgunBackend(api_key="test-key", sender_domain="mg.example.org")
    payload = backend.build_message_payload(message, backend.send_defaults)
    payload.serialize_data()
    variables = json.loads(payload.data["recipient-variables"])
    assert variables[ana.email]["first_name"] == "Ana" and variables[ana.email]["v:notice"] == str(notices[0].pk)


def test_reminders_for_one_session_go_as_one_message_when_the_provider_takes_batches(settings, run):
    notices = mailgun_batch(settings, run, [make_student("Ana"), make_student("Bo")])
    due = run.sessions.first().starts_at - dt.timedelta(days=1)
    assert sending.send_notices([n.pk for n in notices], now=due) == {Notice.Status.SENT: 2}
    (message,) = mail.outbox
    assert sorted(message.to) == sorted(n.student.email for n in notices)
    assert set(message.merge_data) == set(message.to)
