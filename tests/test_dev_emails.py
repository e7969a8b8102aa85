"""The local email viewer (/dev/emails/, development only): emails written by the files backend
are listed newest first and shown with their headers, text, HTML and attachments; nothing outside
the folder can be read. DEBUG is off under test, so this module mounts the views itself."""

from importlib import reload

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import clear_url_caches, include, path

from college import urls as site_urls
from notices import dev_views

# As college/urls.py mounts them when DEBUG is on (the site's own URLs too, for its 404 page).
urlpatterns = [path("dev/emails/", include((dev_views.urlpatterns, "dev_emails"))), *site_urls.urlpatterns]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def folder(tmp_path, settings):
    settings.EMAIL_BACKEND = "notices.local_backend.EmailBackend"
    settings.SENT_EMAILS_DIR = tmp_path / "sent-emails"
    return settings.SENT_EMAILS_DIR


def send(subject: str, to: str, *, html: str = "", attachment: tuple | None = None) -> None:
    message = EmailMultiAlternatives(subject, f"Hello, this is {subject}.", to=[to], connection=get_connection())
    if html:
        message.attach_alternative(html, "text/html")
    if attachment:
        message.attach(*attachment)
    message.send()


def test_emails_are_listed_newest_first(client, folder, capsys):
    send("Your place is confirmed", "robin@example.org")
    send("A place is free", "alex@example.org")
    page = client.get("/dev/emails/").content.decode()
    assert "Emails sent (2)" in page
    assert page.index("A place is free") < page.index("Your place is confirmed")
    assert "alex@example.org" in page and "robin@example.org" in page
    assert "/dev/emails/" in capsys.readouterr().out  # the backend says where to read them


def test_an_email_shows_its_headers_text_html_and_attachments(client, folder):
    send(
        "Your place is confirmed",
        "robin@example.org",
        html="<p>Hello <strong>Robin</strong> & welcome</p>",
        attachment=("course-dates.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
    )
    filename = next(folder.glob("*.eml")).name
    page = client.get(f"/dev/emails/{filename}/").content.decode()
    assert "Subject" in page and "Your place is confirmed" in page and "robin@example.org" in page
    assert "Hello, this is Your place is confirmed." in page
    # The HTML is escaped into the srcdoc attribute of a sandboxed frame, never into this page.
    assert 'sandbox srcdoc="&lt;p&gt;Hello &lt;strong&gt;Robin&lt;/strong&gt; &amp; welcome&lt;/p&gt;' in page
    assert "<strong>Robin</strong>" not in page
    assert "course-dates.ics" in page and "text/calendar" in page


def test_an_empty_folder_says_how_to_fill_it(client, folder):
    assert "No emails yet" in client.get("/dev/emails/").content.decode()


@pytest.mark.parametrize("name", ["..%2F..%2Fsecret.eml", "..secret.eml", "notes.txt", "missing.eml"])
def test_nothing_but_an_email_in_the_folder_can_be_read(db, client, folder, name):
    folder.mkdir(parents=True)
    (folder.parent / "secret.eml").write_text("Subject: secret\n\nDo not show this.")
    (folder / "notes.txt").write_text("not an email")
    assert client.get(f"/dev/emails/{name}/").status_code == 404


def test_a_path_outside_the_folder_is_refused_by_the_view_itself(rf, folder):
    folder.mkdir(parents=True)
    (folder.parent / "secret.eml").write_text("Subject: secret\n\nDo not show this.")
    with pytest.raises(dev_views.Http404):
        dev_views.email_detail(rf.get("/"), "../secret.eml")


def test_the_viewer_exists_only_when_debug_is_on(settings):
    def mounted() -> bool:
        reload(site_urls)
        return any("dev/emails" in str(pattern.pattern) for pattern in site_urls.urlpatterns)

    try:
        settings.DEBUG = True
        assert mounted()
        settings.DEBUG = False
        assert not mounted()
    finally:
        reload(site_urls)
        clear_url_caches()
