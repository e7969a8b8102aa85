"""Staff history (enrolment/audit.py) for the screens Wagtail builds for us: a student added or
edited, and a listing downloaded as CSV or XLSX. Mixed into the views in students.py."""

from enrolment.audit import log_export, log_staff_action


class LogsStudentSave:
    """Wagtail's own create and edit views log "wagtail.create" and "wagtail.edit" labelled with
    str(student), which is their name; an erased student's name would stay in the log. So the
    save is made without Wagtail's entry and logged here instead, labelled "Student <id>", with
    the names of the fields changed (never their values)."""

    log_code = ""  # "college.student.add" or "college.student.edit"
    action_kwargs: dict = {}

    def save_instance(self):
        self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=False, **self.action_kwargs
        ).execute(skip_permission_checks=True)
        student = self.form.instance
        changed = [
            str(self.form.fields[name].label or name) for name in self.form.changed_data if name in self.form.fields
        ]
        data = {"detail": ", ".join(changed)} if self.log_code == "college.student.edit" and changed else {}
        log_staff_action(user=self.request.user, instance=student, action=self.log_code, data=data)
        return student


class LogsStudentCreate(LogsStudentSave):
    log_code = "college.student.add"

    @property
    def action_kwargs(self):
        return {"sort_order_field": self.sort_order_field}


class LogsStudentEdit(LogsStudentSave):
    log_code = "college.student.edit"


class LogsListExport:
    """For a Wagtail IndexView whose "Download CSV/XLSX" holds people's details: each download is
    in Site history as college.export.<export_log_what>, with how many rows and which filters. A
    search is noted as used, not its words, which may be someone's name."""

    export_log_what = ""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        rows = len(queryset) if isinstance(queryset, list) else queryset.count()
        filters = {key: value for key, value in self.request.GET.items() if key not in ("q", "export", "p") and value}
        if self.request.GET.get("q"):
            filters["search"] = "used"
        log_export(
            user=self.request.user, what=self.export_log_what, rows=rows, filters=filters, detail=spreadsheet_format
        )
        return response
