"""The notices screens in the Wagtail admin: "People to call" and "Emails not sent" (notices/admin/),
and where staff change the words of the emails: "Email wording" in the Wagtail admin, one row per
kind of email. A kind without a row uses our suggested words (notices.wording.DEFAULTS), so the
add form starts from them, and the guide beside the form lists the placeholders that kind allows.
The live preview shows the real email with made-up details (templates/notices/preview/email.html,
through notice_tags.email_preview)."""

from django.urls import reverse, reverse_lazy
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from courses.models import CoursePage
from enrolment.admin.permissions import StaffMenuItem
from home.admin_choosers import PermissionCheckedChooserViewSet

from . import wording
from .admin.dashboard import add_dashboard_panels
from .admin.viewset import NoticesStaffViewSet
from .kinds import Kind
from .models import Wording

HELP = {
    "kind": "Which email these words are for. Each email can have one wording.",
    "subject": "Shown on phone lock screens, so keep it free of course names and health words.",
    "preview": "The line phones show under the subject, on the lock screen too. Leave it blank to use ours.",
    "body": "Leave a blank line between paragraphs. Words in {curly brackets} are filled in for each "
    "student (see the list above). Dates, places, links and the 'Need help now?' panel are "
    "added below your words for you.",
}


class WordingForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, text in HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if kind not in Kind.values:
            return cleaned_data
        if Wording.objects.filter(kind=kind).exclude(pk=self.instance.pk).exists():
            self.add_error("kind", "There is already wording for this email. Please change that one instead.")
        titles = list(CoursePage.objects.values_list("title", flat=True))
        for field in ("subject", "preview", "body"):
            if field in self.errors:
                continue
            for problem in wording.problems(kind, field, cleaned_data.get(field) or "", course_titles=titles):
                self.add_error(field, problem)
        return cleaned_data


def _add_url(kind: str) -> str:
    return reverse("wagtailsnippets_notices_wording:add") + f"?kind={kind}"


def _placeholder_list(kind: str):
    return format_html_join(
        "", "<li><code>{{{}}}</code>: {}</li>", ((name, wording.MEANINGS[name]) for name in wording.PLACEHOLDERS[kind])
    )


def guide(kind: str | None, *, editing: bool):
    """What staff need beside the form: where to start, what they may use, and ours to compare."""
    parts = []
    if not editing:
        taken = set(Wording.objects.values_list("kind", flat=True))
        unused = [k for k in Kind if k not in taken]
        parts.append(
            format_html(
                "<p>Each email starts from our suggested words. To start from another email's words, choose it: {}</p>",
                format_html_join(", ", '<a href="{}">{}</a>', ((_add_url(k), k.label) for k in unused)) or "none left",
            )
        )
    if kind in Kind.values:
        lock_screen = ", ".join("{" + name + "}" for name in wording.allowed(kind, "subject"))
        parts.append(
            format_html(
                "<p>In this email you can use:</p><ul>{}</ul><p>In the subject and preview, which show on "
                "lock screens, only: <code>{}</code>.</p>",
                _placeholder_list(kind),
                lock_screen,
            )
        )
        if editing:
            ours = wording.DEFAULTS[kind]
            parts.append(
                format_html(
                    "<details><summary>Our suggested words for this email</summary><p><strong>Subject:</strong> "
                    '{}</p><p><strong>Preview:</strong> {}</p><pre style="white-space:pre-wrap">{}</pre>'
                    "<p>To go back to them, delete this wording.</p></details>",
                    ours.subject,
                    ours.preview,
                    ours.body,
                )
            )
    return format_html_join("", "{}", ((part,) for part in parts))


class WordingGuide(HelpPanel):
    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            kind = self.instance.kind or (self.form["kind"].value() if "kind" in self.form.fields else None)
            self.content = guide(kind, editing=bool(self.instance.pk))


class WordingCreateView(CreateView):
    def get_initial(self):
        """Our words for the kind asked for (?kind=), or for the first kind still using ours."""
        initial = super().get_initial()
        kind = self.request.GET.get("kind")
        if kind not in Kind.values:
            taken = set(Wording.objects.values_list("kind", flat=True))
            kind = next((k for k in Kind.values if k not in taken), None)
        if kind:
            ours = wording.DEFAULTS[kind]
            initial.update(kind=kind, subject=ours.subject, preview=ours.preview, body=ours.body)
        return initial


class WordingIndexView(IndexView):
    """Every email staff can reword, saved or not: a kind without a row is not missing, it uses our
    suggested words, and Wagtail's empty listing ("no email wording to display") hid all of them."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        saved = {row.kind: row for row in Wording.objects.all()}
        context["emails"] = [
            {
                "label": kind.label,
                "row": saved.get(kind.value),
                "subject": saved[kind.value].subject if kind.value in saved else wording.DEFAULTS[kind].subject,
                "url": self.get_edit_url(saved[kind.value]) if kind.value in saved else _add_url(kind.value),
            }
            for kind in Kind
        ]
        return context


class WordingViewSet(SnippetViewSet):
    model = Wording
    chooser_viewset_class = PermissionCheckedChooserViewSet
    icon = "mail"
    menu_label = "Email wording"
    menu_name = "email-wording"
    menu_order = 230
    add_to_admin_menu = True
    add_view_class = WordingCreateView
    index_view_class = WordingIndexView
    index_results_template_name = "notices/admin/wording_results.html"
    list_display = ["kind", "subject", "updated_at"]
    edit_handler = ObjectList(
        [
            WordingGuide(heading="Placeholders"),
            FieldPanel("kind"),
            FieldPanel("subject"),
            FieldPanel("preview"),
            FieldPanel("body"),
        ],
        base_form_class=WordingForm,
    )


register_snippet(WordingViewSet)


@hooks.register("register_admin_viewset")
def register_notices_staff_viewset():
    return NoticesStaffViewSet()


# Next to "Offers to phone" (enrolment): the other follow-ups staff work through.
@hooks.register("register_admin_menu_item")
def register_people_to_call_menu_item():
    return StaffMenuItem(
        "People to call", reverse_lazy("notices_staff:people_to_call"), icon_name="mobile-alt", order=217
    )


@hooks.register("register_admin_menu_item")
def register_emails_not_sent_menu_item():
    return StaffMenuItem("Emails not sent", reverse_lazy("notices_staff:emails_not_sent"), icon_name="mail", order=218)


# The admin home: what needs doing today (notices/admin/dashboard.py).
hooks.register("construct_homepage_panels", add_dashboard_panels)
