"""The role x address table that tests/test_roles.py checks, and how to reach each row: the
promise of issue 15, item 3, kept apart from the tests so it reads as one table.

Outcomes: ok (the page, the file, or the change made and back to the page it came from), home
(Wagtail's "you do not have permission", back to the dashboard), login (the sign-in page), 403,
404 (not found: another run's id says nothing about that run)."""

from courses.models import Topic

from .role_helpers import ROLES as COLUMNS

POST = "POST"

# Each row: name (the URL's name, or a name and what is added to it), then one outcome per column.
TABLE = """
# address                                                   admin  coord  fac_a  no_rec editor anon
wagtailadmin_home                                           ok     ok     ok     ok     ok     login
wagtailadmin_explore_root                                   ok     home   home   home   ok     login
wagtailusers_users:index                                    ok     home   home   home   home   login
wagtailusers_groups:index                                   ok     home   home   home   home   login
wagtailimages:index                                         ok     home   home   home   ok     login
wagtaildocs:index                                           ok     home   home   home   ok     login
wagtailsettings:edit enrolment                              ok     home   home   home   home   login
wagtailsettings:edit notices                                ok     home   home   home   home   login
wagtailsettings:edit home                                   ok     home   home   home   home   login
wagtailsettings:edit equality                               ok     home   home   home   home   login
course_runs:index                                           ok     ok     home   home   home   login
course_runs:index ?export=csv                               ok     ok     home   home   home   login
course_runs:index ?export=xlsx                              ok     ok     home   home   home   login
course_runs:index_results                                   ok     ok     home   home   home   login
course_runs:add                                             ok     ok     home   home   home   login
course_runs:edit                                            ok     ok     home   home   home   login
course_runs:delete                                          ok     home   home   home   home   login
course_runs:history                                         ok     ok     home   home   home   login
course_runs:history_results                                 ok     ok     home   home   home   login
course_runs:usage                                           ok     ok     home   home   home   login
course_runs:copy                                            ok     ok     home   home   home   login
students:index                                              ok     ok     home   home   home   login
students:index ?q=Beatrix                                   ok     ok     home   home   home   login
students:index ?export=csv                                  ok     ok     home   home   home   login
students:index ?export=xlsx                                 ok     ok     home   home   home   login
students:index_results                                      ok     ok     home   home   home   login
students:add                                                ok     ok     home   home   home   login
students:edit                                               ok     ok     home   home   home   login
students:delete                                             ok     ok     home   home   home   login
students:history                                            ok     ok     home   home   home   login
students:history_results                                    ok     ok     home   home   home   login
students:usage                                              ok     ok     home   home   home   login
students:inspect                                            ok     ok     home   home   home   login
students:copy                                               ok     ok     home   home   home   login
privacy_staff:subject_access                                ok     ok     home   home   home   login
students:hold                                               ok     home   home   home   home   login
enrolment_staff:my_runs                                     ok     ok     ok     ok     home   login
enrolment_staff:calls                                       ok     ok     home   home   home   login
enrolment_staff:record_answer                               ok     ok     home   home   home   login
enrolment_staff:register                                    ok     ok     ok     404    home   login
enrolment_staff:sign_in_sheet                               ok     ok     ok     404    home   login
enrolment_staff:register_download csv                       ok     ok     ok     404    home   login
enrolment_staff:register_download xlsx                      ok     ok     ok     404    home   login
enrolment_staff:waiting_lists_download csv                  ok     ok     home   home   home   login
enrolment_staff:waiting_lists_download xlsx                 ok     ok     home   home   home   login
enrolment_staff:certificate                                 ok     ok     ok     404    home   login
enrolment_staff:course_feedback                             ok     ok     home   home   home   login
enrolment_staff:pair_feedback                               ok     ok     home   home   home   login
enrolment_staff:enrol                                       ok     ok     home   home   home   login
enrolment_staff:enrol ?q=Beatrix                            ok     ok     home   home   home   login
enrolment_staff:cancel                                      ok     ok     home   home   home   login
enrolment_staff:remove                                      ok     ok     home   home   home   login
enrolment_staff:move_up                                     ok     ok     home   home   home   login
enrolment_staff:take_register                               ok     ok     ok     404    home   login
enrolment_staff:mark                                        ok     ok     ok     404    home   login
enrolment_staff:add_walk_in                                 ok     ok     ok     404    home   login
enrolment_staff:remove_walk_in                              ok     ok     ok     404    home   login
enrolment_staff:erase_walk_in                               ok     ok     ok     404    home   login
notices_staff:people_to_call                                ok     ok     home   home   home   login
notices_staff:mark_called                                   ok     ok     home   home   home   login
notices_staff:emails_not_sent                               ok     ok     home   home   home   login
notices_staff:send_again                                    ok     ok     home   home   home   login
notices_staff:address_checked                               ok     ok     home   home   home   login
reports:index                                               ok     ok     home   home   home   login
reports:download                                            ok     ok     home   home   home   login
equality_report:index                                       ok     ok     home   home   home   login
equality_report:download                                    ok     ok     home   home   home   login
staff_log                                                   ok     home   home   home   home   login
staff_log_results                                           ok     home   home   home   home   login
staffauth_verify                                            ok     ok     ok     ok     ok     login
staffauth_set_up                                            ok     ok     ok     ok     ok     login
staffauth_recovery_codes                                    ok     ok     ok     ok     ok     login
staffauth_reset                                             ok     403    403    403    403    login
wagtailsnippets_courses_location:list                       ok     ok     home   home   ok     login
wagtailsnippets_courses_location:list_results               ok     ok     home   home   ok     login
wagtailsnippets_courses_location:add                        ok     ok     home   home   ok     login
wagtailsnippets_courses_location:edit                       ok     ok     home   home   ok     login
wagtailsnippets_courses_location:delete                     ok     home   home   home   ok     login
wagtailsnippets_courses_location:usage                      ok     ok     home   home   ok     login
wagtailsnippets_courses_location:history                    ok     ok     home   home   ok     login
wagtailsnippets_courses_location:history_results            ok     ok     home   home   ok     login
wagtailsnippets_courses_location:copy                       ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:choose              ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:choose_results      ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:chosen              ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:chosen_multiple     ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_location:create              ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:list                    ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:list_results            ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:add                     ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:edit                    ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:delete                  ok     home   home   home   ok     login
wagtailsnippets_courses_facilitator:usage                   ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:history                 ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:history_results         ok     ok     home   home   ok     login
wagtailsnippets_courses_facilitator:copy                    ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:choose           ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:choose_results   ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:chosen           ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:chosen_multiple  ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_facilitator:create           ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:list                          ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:list_results                  ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:add                           ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:edit                          ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:delete                        ok     home   home   home   ok     login
wagtailsnippets_courses_topic:usage                         ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:history                       ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:history_results               ok     ok     home   home   ok     login
wagtailsnippets_courses_topic:copy                          ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:choose                 ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:choose_results         ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:chosen                 ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:chosen_multiple        ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_topic:create                 ok     ok     home   home   ok     login
wagtailsnippets_courses_term:list                           ok     ok     home   home   ok     login
wagtailsnippets_courses_term:list_results                   ok     ok     home   home   ok     login
wagtailsnippets_courses_term:add                            ok     ok     home   home   ok     login
wagtailsnippets_courses_term:edit                           ok     ok     home   home   ok     login
wagtailsnippets_courses_term:delete                         ok     home   home   home   ok     login
wagtailsnippets_courses_term:usage                          ok     ok     home   home   ok     login
wagtailsnippets_courses_term:history                        ok     ok     home   home   ok     login
wagtailsnippets_courses_term:history_results                ok     ok     home   home   ok     login
wagtailsnippets_courses_term:copy                           ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:choose                  ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:choose_results          ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:chosen                  ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:chosen_multiple         ok     ok     home   home   ok     login
wagtailsnippetchoosers_courses_term:create                  ok     ok     home   home   ok     login
wagtailsnippets_notices_wording:list                        ok     ok     home   home   home   login
wagtailsnippets_notices_wording:list_results                ok     ok     home   home   home   login
wagtailsnippets_notices_wording:add                         ok     ok     home   home   home   login
wagtailsnippets_notices_wording:edit                        ok     ok     home   home   home   login
wagtailsnippets_notices_wording:delete                      ok     ok     home   home   home   login
wagtailsnippets_notices_wording:usage                       ok     ok     home   home   home   login
wagtailsnippets_notices_wording:history                     ok     ok     home   home   home   login
wagtailsnippets_notices_wording:history_results             ok     ok     home   home   home   login
wagtailsnippets_notices_wording:copy                        ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:choose               ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:choose_results       ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:chosen               ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:chosen_multiple      ok     ok     home   home   home   login
wagtailsnippetchoosers_notices_wording:create               ok     ok     home   home   home   login
wagtailsnippets_notices_wording:preview_on_add              ok     ok     home   home   home   login
wagtailsnippets_notices_wording:preview_on_edit             ok     ok     home   home   home   login
"""


def routes(w) -> dict:
    """How to reach each row of the table: (method, address, form data)."""
    a = w.run_a
    s = f"/admin/enrolment/runs/{a.pk}/sessions/{w.session_a.pk}/"
    snippets = {
        "location": a.location_id,
        "facilitator": w.facilitator_a.pk,
        "topic": None,
        "term": a.term_id,
    }
    found = {
        # Wagtail's own, for the shape of each role
        "wagtailadmin_home": ("GET", "/admin/", None),
        "wagtailadmin_explore_root": ("GET", "/admin/pages/", None),
        "wagtailusers_users:index": ("GET", "/admin/users/", None),
        "wagtailusers_groups:index": ("GET", "/admin/groups/", None),
        "wagtailimages:index": ("GET", "/admin/images/", None),
        "wagtaildocs:index": ("GET", "/admin/documents/", None),
        "wagtailsettings:edit enrolment": ("GET", "/admin/settings/enrolment/enrolmentsettings/", None),
        "wagtailsettings:edit notices": ("GET", "/admin/settings/notices/remindersettings/", None),
        "wagtailsettings:edit home": ("GET", "/admin/settings/home/collegesettings/", None),
        "wagtailsettings:edit equality": ("GET", "/admin/settings/equality/equalitysettings/", None),
        # Course runs (enrolment/admin/runs.py)
        "course_runs:index": ("GET", "/admin/course_runs/", None),
        "course_runs:index ?export=csv": ("GET", "/admin/course_runs/?export=csv", None),
        "course_runs:index ?export=xlsx": ("GET", "/admin/course_runs/?export=xlsx", None),
        "course_runs:index_results": ("GET", "/admin/course_runs/results/", None),
        "course_runs:add": ("GET", "/admin/course_runs/new/", None),
        "course_runs:edit": ("GET", f"/admin/course_runs/edit/{a.pk}/", None),
        "course_runs:delete": ("GET", f"/admin/course_runs/delete/{a.pk}/", None),
        "course_runs:history": ("GET", f"/admin/course_runs/history/{a.pk}/", None),
        "course_runs:history_results": ("GET", f"/admin/course_runs/history-results/{a.pk}/", None),
        "course_runs:usage": ("GET", f"/admin/course_runs/usage/{a.pk}/", None),
        "course_runs:copy": ("GET", f"/admin/course_runs/copy/{a.pk}/", None),
        # Students (enrolment/admin/students.py)
        "students:index": ("GET", "/admin/students/", None),
        "students:index ?q=Beatrix": ("GET", "/admin/students/?q=Beatrix", None),
        "students:index ?export=csv": ("GET", "/admin/students/?export=csv", None),
        "students:index ?export=xlsx": ("GET", "/admin/students/?export=xlsx", None),
        "students:index_results": ("GET", "/admin/students/results/?q=Beatrix", None),
        "students:add": ("GET", "/admin/students/new/", None),
        "students:edit": ("GET", f"/admin/students/edit/{w.bea.student_id}/", None),
        "students:delete": ("GET", f"/admin/students/delete/{w.bea.student_id}/", None),
        "students:history": ("GET", f"/admin/students/history/{w.bea.student_id}/", None),
        "students:history_results": ("GET", f"/admin/students/history-results/{w.bea.student_id}/", None),
        "students:usage": ("GET", f"/admin/students/usage/{w.bea.student_id}/", None),
        "students:inspect": ("GET", f"/admin/students/inspect/{w.bea.student_id}/", None),
        "students:copy": ("GET", f"/admin/students/copy/{w.bea.student_id}/", None),
        # Subject access (privacy/wagtail_hooks.py)
        "privacy_staff:subject_access": ("GET", f"/admin/students/{w.bea.student_id}/subject-access/", None),
        "students:hold": ("GET", f"/admin/students/hold/{w.bea.student_id}/", None),
        # Registers, places and their follow-ups (enrolment/admin/viewset.py)
        "enrolment_staff:my_runs": ("GET", "/admin/enrolment/your-runs/", None),
        "enrolment_staff:calls": ("GET", "/admin/enrolment/offers-to-phone/", None),
        "enrolment_staff:record_answer": ("GET", f"/admin/enrolment/offers/{w.offer_a.pk}/accepted/", None),
        "enrolment_staff:register": ("GET", f"/admin/enrolment/runs/{a.pk}/register/", None),
        "enrolment_staff:sign_in_sheet": ("GET", f"/admin/enrolment/runs/{a.pk}/sign-in-sheet/", None),
        "enrolment_staff:register_download csv": ("GET", f"/admin/enrolment/runs/{a.pk}/register/download/csv/", None),
        "enrolment_staff:register_download xlsx": (
            "GET",
            f"/admin/enrolment/runs/{a.pk}/register/download/xlsx/",
            None,
        ),
        "enrolment_staff:waiting_lists_download csv": ("GET", "/admin/enrolment/waiting-lists/download/csv/", None),
        "enrolment_staff:waiting_lists_download xlsx": ("GET", "/admin/enrolment/waiting-lists/download/xlsx/", None),
        "enrolment_staff:certificate": (
            "GET",
            f"/admin/enrolment/runs/{w.ada_done.run_id}/certificates/{w.ada_done.pk}/",
            None,
        ),
        "enrolment_staff:course_feedback": ("GET", f"/admin/enrolment/feedback/courses/{a.course_id}/", None),
        "enrolment_staff:pair_feedback": (
            "GET",
            f"/admin/enrolment/feedback/facilitators/{w.facilitator_a.pk}/{w.other_facilitator_a.pk}/",
            None,
        ),
        "enrolment_staff:enrol": ("GET", f"/admin/enrolment/runs/{a.pk}/enrol/", None),
        "enrolment_staff:enrol ?q=Beatrix": ("GET", f"/admin/enrolment/runs/{a.pk}/enrol/?q=Beatrix", None),
        "enrolment_staff:cancel": ("GET", f"/admin/enrolment/runs/{a.pk}/places/{w.ada.pk}/cancel/", None),
        "enrolment_staff:remove": ("GET", f"/admin/enrolment/runs/{a.pk}/waiting/{w.waiting_a.pk}/remove/", None),
        "enrolment_staff:move_up": ("GET", f"/admin/enrolment/runs/{a.pk}/waiting/{w.waiting_a.pk}/move-up/", None),
        "enrolment_staff:take_register": ("GET", s, None),
        "enrolment_staff:mark": (POST, s + "mark/", {"enrolment": w.ada.pk, "mark": "present"}),
        "enrolment_staff:add_walk_in": (POST, s + "walk-ins/", {"name": "Ali Newcomer"}),
        "enrolment_staff:remove_walk_in": (POST, s + f"walk-ins/{w.walk_in_a.pk}/remove/", {}),
        "enrolment_staff:erase_walk_in": (POST, s + f"walk-ins/{w.walk_in_a.pk}/erase/", {}),
        # People to call and emails not sent (notices/admin/)
        "notices_staff:people_to_call": ("GET", "/admin/notices/people-to-call/", None),
        "notices_staff:mark_called": (POST, f"/admin/notices/people-to-call/{w.to_call.pk}/called/", {}),
        "notices_staff:emails_not_sent": ("GET", "/admin/notices/emails-not-sent/", None),
        "notices_staff:send_again": (POST, f"/admin/notices/emails-not-sent/{w.failed.pk}/send-again/", {}),
        "notices_staff:address_checked": (
            POST,
            f"/admin/notices/students/{w.student_not_emailable.pk}/address-checked/",
            {},
        ),
        # Reports for commissioners (reports/)
        "reports:index": ("GET", "/admin/reports/", None),
        "reports:download": ("GET", "/admin/reports/download/csv/", None),
        # Equality monitoring, counts only (equality/)
        "equality_report:index": ("GET", "/admin/reports/equality/", None),
        "equality_report:download": ("GET", "/admin/reports/equality/download/", None),
        # The staff log (enrolment/admin/staff_log.py): college admins only.
        "staff_log": ("GET", "/admin/reports/staff-log/", None),
        "staff_log_results": ("GET", "/admin/reports/staff-log/results/", None),
        # Staff sign-in (staffauth/)
        "staffauth_verify": ("GET", "/admin/two-factor/verify/?next=/admin/pages/", None),
        "staffauth_set_up": ("GET", "/admin/two-factor/set-up/", None),
        "staffauth_recovery_codes": ("GET", "/admin/two-factor/recovery-codes/", None),
        "staffauth_reset": ("GET", f"/admin/two-factor/reset/{w.users['editor'].pk}/", None),
    }
    # Snippets: course set-up (courses/wagtail_hooks.py) and email wording (notices/wagtail_hooks.py).
    snippets["topic"] = Topic.objects.get_or_create(name="Wellbeing", slug="wellbeing")[0].pk
    for app, model, pk in [*(("courses", m, p) for m, p in snippets.items()), ("notices", "wording", w.wording.pk)]:
        base, chooser = f"/admin/snippets/{app}/{model}/", f"/admin/snippets/choose/{app}/{model}/"
        ns, chooser_ns = f"wagtailsnippets_{app}_{model}", f"wagtailsnippetchoosers_{app}_{model}"
        found.update(
            {
                f"{ns}:list": ("GET", base, None),
                f"{ns}:list_results": ("GET", base + "results/", None),
                f"{ns}:add": ("GET", base + "add/", None),
                f"{ns}:edit": ("GET", base + f"edit/{pk}/", None),
                f"{ns}:delete": ("GET", base + f"delete/{pk}/", None),
                f"{ns}:usage": ("GET", base + f"usage/{pk}/", None),
                f"{ns}:history": ("GET", base + f"history/{pk}/", None),
                f"{ns}:history_results": ("GET", base + f"history-results/{pk}/", None),
                f"{ns}:copy": ("GET", base + f"copy/{pk}/", None),
                f"{chooser_ns}:choose": ("GET", chooser, None),
                f"{chooser_ns}:choose_results": ("GET", chooser + "results/", None),
                f"{chooser_ns}:chosen": ("GET", chooser + f"chosen/{pk}/", None),
                f"{chooser_ns}:chosen_multiple": ("GET", chooser + f"chosen-multiple/?id={pk}", None),
                f"{chooser_ns}:create": ("GET", chooser + "create/", None),
            }
        )
    found["wagtailsnippets_notices_wording:preview_on_add"] = ("GET", "/admin/snippets/notices/wording/preview/", None)
    found["wagtailsnippets_notices_wording:preview_on_edit"] = (
        "GET",
        f"/admin/snippets/notices/wording/preview/{w.wording.pk}/",
        None,
    )
    return found


def expected_table() -> dict[str, dict[str, str]]:
    rows = {}
    for line in TABLE.strip().splitlines():
        if line.startswith("#"):
            continue
        words = line.split()
        rows[" ".join(words[: -len(COLUMNS)])] = dict(zip(COLUMNS, words[-len(COLUMNS) :], strict=True))
    return rows
