"""Render Django form fields in NHS.UK frontend markup: label, hint and error message tied to the
input with aria-describedby, groups of choices in a fieldset with a legend.

A field can be revealed by a choice in another, the NHS.UK "conditional reveal":

    {% nhs_field form.bring_supporter reveal=form.supporter_name reveal_width="20" %}
    {% nhs_field form.which_dates reveal=form.any_where reveal_when="any" %}

The revealed field is drawn, with its own label, hint and error message, inside the ticked box's
or chosen radio's conditional container. Without JavaScript it is simply shown; NHS.UK frontend's
script hides it until the choice is made, and keeps what was typed in it while hidden."""

from django import forms, template
from django.template.loader import render_to_string

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


def _first_input_id(field) -> str:
    """The id of the element a person is taken to from the error summary: the field's own input,
    or the first radio or checkbox of a group (a fieldset cannot take focus)."""
    if _widget_kind(field) in {"checkboxes", "radios"}:
        return field.subwidgets[0].id_for_label if field.subwidgets else ""
    return field.id_for_label


def _reveal(field, kind: str, reveal, reveal_width: str, reveal_when: str) -> dict | None:
    """What the template needs to nest `reveal` inside the choice of `field` that shows it."""
    if reveal is None or reveal == "":  # "" is what a template gives for a field the form lacks
        return None
    if kind == "checkbox":
        when, chosen = "", bool(field.value())
    elif kind in {"radios", "checkboxes"}:
        if reveal_when == "":
            raise template.TemplateSyntaxError(
                f"nhs_field {field.name}: say which choice reveals {reveal.name} with reveal_when"
            )
        when = str(reveal_when)
        chosen = any(option.data["selected"] and str(option.data["value"]) == when for option in field)
    else:
        raise template.TemplateSyntaxError(f"nhs_field {field.name}: only tick boxes and radios reveal a field")
    return {
        "id": f"conditional-{field.auto_id}",
        "when": when,
        # Shown open when its choice is made, and whenever it has an error to fix.
        "open": chosen or bool(reveal.errors),
        "html": render_to_string("forms/field.html", nhs_field(reveal, width=reveal_width)),
    }


@register.inclusion_tag("forms/field.html")
def nhs_field(field, width: str = "", legend_size: str = "s", reveal=None, reveal_width: str = "", reveal_when=""):
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
    return {
        "field": field,
        "kind": kind,
        "describedby": describedby,
        "widget_html": widget_html,
        "legend_size": legend_size,
        "reveal": _reveal(field, kind, reveal, reveal_width, reveal_when),
    }


@register.inclusion_tag("forms/error_summary.html")
def nhs_error_summary(form, intro: str = ""):
    """Each message links to the input it is about, so a person can go straight there, in the
    order of the form's fields: keep a form's field order the order of its page. A field nobody
    can see (a hidden input) has nothing to go to, so its message is plain text."""
    order = {name: position for position, name in enumerate(form.fields)}  # the rest come first
    items = []
    for name, errors in sorted(form.errors.items(), key=lambda item: order.get(item[0], -1)):
        anchor = ""
        if name in form.fields and not form[name].is_hidden:
            anchor = _first_input_id(form[name])
        for message in errors:
            if {"anchor": anchor, "message": message} not in items:
                items.append({"anchor": anchor, "message": message})
    return {"items": items, "intro": intro}
