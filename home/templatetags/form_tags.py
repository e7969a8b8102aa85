"""Render Django form fields in NHS.UK frontend markup: label, hint and error message tied to the
input with aria-describedby, groups of choices in a fieldset with a legend."""

from django import forms, template

register = template.Library()

INPUT_CLASSES = {
    forms.Select: "nhsuk-select",
    forms.Textarea: "nhsuk-textarea",
}


def _describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


def _widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.inclusion_tag("forms/field.html")
def nhs_field(field, width: str = "", legend_size: str = "s"):
    kind = _widget_kind(field)
    describedby = _describedby(field)
    widget_html = ""
    if kind == "input":
        css = INPUT_CLASSES.get(type(field.field.widget), "nhsuk-input")
        if width:
            css += f" nhsuk-input--width-{width}"
        if field.errors:
            css += f" {css.split()[0]}--error"
        attrs = {"class": css}
        if describedby:
            attrs["aria-describedby"] = describedby
        widget_html = field.as_widget(attrs=attrs)
    return {"field": field, "kind": kind, "describedby": describedby, "widget_html": widget_html,
            "legend_size": legend_size}


@register.inclusion_tag("forms/error_summary.html")
def nhs_error_summary(form, intro: str = ""):
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items.extend({"anchor": "", "message": message} for message in errors)
            continue
        bound = form[name]
        anchor = bound.auto_id
        if _widget_kind(bound) in {"checkboxes", "radios"}:
            anchor = f"{bound.auto_id}_0"
        items.extend({"anchor": anchor, "message": message} for message in errors)
    return {"items": items, "intro": intro}
