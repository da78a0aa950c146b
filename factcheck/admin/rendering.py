"""The desk's form renderer: the small templates a change page draws dozens of times, written
in Python exactly as Django's own templates write them.

The claim's change page draws about 70 widgets, 50 labels and 100 (empty) error lists, each
through a template of its own (and the shared attributes template each includes, looked up
again for every widget): that was half the page. `DeskFormRenderer` writes the plain inputs,
text areas, selects, labels and empty error lists directly; anything else (the admin's date,
autocomplete and related-object widgets, a list that has errors) goes through Django's
templates as before. tests/factcheck/admin/test_rendering.py renders every field of the
desk's forms both ways and compares them.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape

_CONTEXT = Context()  # autoescape on, localisation as the settings say: what {{ }} does
OPTION = "django/forms/widgets/select_option.html"


def _var(value) -> str:
    """`{{ value }}`."""
    return render_value_in_context(value, _CONTEXT)


def _str(value) -> str:
    """`{{ value|stringformat:'s' }}`: the plain text, escaped even if marked safe."""
    return escape(value)  # escape() escapes marked-safe text too


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html (and django/forms/attrs.html)."""
    return "".join(
        f" {_var(name)}" if value is True else f' {_var(name)}="{_str(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context: dict) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_str(widget["value"])}"'
    name, kind = _var(widget["name"]), _var(widget["type"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _admin_date(context: dict) -> str:
    """admin/widgets/date.html around django/forms/widgets/date.html (its blank lines too)."""
    return f'<p class="date">\n  {_input(context)}\n\n\n</p>'


def _admin_url(context: dict) -> str:
    """admin/widgets/url.html: the input, after a link to the address when it is one."""
    if not context.get("url_valid"):
        return _input(context)
    widget = context["widget"]
    link = f'<a href="{_var(widget["href"])}">{_var(widget["value"])}</a>'
    current, change = _var(context["current_label"]), _var(context["change_label"])
    return f'<p class="url">{current} {link}<br>{change} {_input(context)}\n</p>'


def _textarea(context: dict) -> str:
    widget = context["widget"]
    text = _var(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_var(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _select(context: dict) -> str | None:
    widget = context["widget"]
    parts = [f'<select name="{_var(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_var(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None  # a widget of its own kind: its template
            value, attrs = _str(option["value"]), _attrs(option["attrs"])
            parts.append(f'\n  <option value="{value}"{attrs}>{_var(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _label(context: dict) -> str:
    if not context["use_tag"]:
        return _var(context["label"])
    tag = _var(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_var(context['label'])}</{tag}>"


def _no_errors(context: dict) -> str | None:
    return None if context["errors"] else ""


WRITERS = {
    **{
        f"django/forms/widgets/{kind}.html": _input
        for kind in ("text", "number", "email", "url", "date", "hidden", "checkbox")
    },
    "django/forms/widgets/input.html": _input,
    "admin/widgets/date.html": _admin_date,
    "admin/widgets/url.html": _admin_url,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _no_errors,
    "django/forms/errors/list/ul.html": _no_errors,
}


def _of(field, name: str):
    """`field.field.<name>` as a template reads it: a read-only field's `field` is a dict."""
    inner = field.field
    return inner.get(name) if isinstance(inner, dict) else getattr(inner, name, None)


def _field(field, single: bool) -> str:
    """One field of a fieldset's line (the inner loop of admin/includes/fieldset.html)."""
    name, hidden = _of(field, "name"), _of(field, "is_hidden")
    errors = "" if single or field.is_readonly else field.errors()
    classes = ["flex-container"]
    if not single:
        classes.append(" fieldBox")
        if name:
            classes.append(f" field-{_var(name)}")
        if not field.is_readonly and errors:
            classes.append(" errors")
        if hidden:
            classes.append(" hidden")
    if field.is_checkbox:
        classes.append(" checkbox-row")
        shown = f"{_var(field.field)}{_var(field.label_tag())}"
    elif field.is_readonly:
        shown = f'{_var(field.label_tag())}\n<div class="readonly">{_var(field.contents())}</div>'
    else:
        shown = f"{_var(field.label_tag())}\n{_var(field.field)}"
    html = f'\n<div>\n{_var(errors)}\n<div class="{"".join(classes)}">\n{shown}\n</div>\n'
    help_text = _of(field, "help_text")
    if help_text:
        label_id = _of(field, "id_for_label")
        described = f' id="{_var(label_id)}_helptext"' if label_id else ""
        html += (
            f'<div class="help{" hidden" if hidden else ""}"{described}>\n'
            f"<div>{help_text}</div>\n</div>\n"
        )
    return html + "</div>\n"


def _line(line) -> str:
    fields = list(line)
    single = len(line.fields) == 1
    classes = "form-row"
    if single and line.errors():
        classes += " errors"
    if not line.has_visible_field:
        classes += " hidden"
    classes += "".join(f" field-{_var(_of(f, 'name'))}" for f in fields if _of(f, "name"))
    opening = _var(line.errors()) if single else '<div class="flex-container form-multiline">'
    inside = "".join(_field(field, single) for field in fields)
    return f'\n<div class="{classes}">\n{opening}\n{inside}\n{"" if single else "</div>"}\n</div>\n'


def fieldset_html(fieldset, heading_level, prefix, id_prefix, id_suffix) -> str:
    """admin/includes/fieldset.html in Python (whitespace between tags aside)."""
    heading_id = f"{_var(prefix)}-{_var(id_prefix)}-{_var(id_suffix)}-heading"
    html = [f'<fieldset class="module aligned {_var(fieldset.classes)}"']
    collapsible = bool(fieldset.name) and fieldset.is_collapsible
    if fieldset.name:
        level = _var(heading_level or 2)
        heading = f'<h{level} id="{heading_id}" class="fieldset-heading">'
        html += [f' aria-labelledby="{heading_id}">\n']
        html += ["<details><summary>" if collapsible else "", "\n", heading]
        html += [f"{_var(fieldset.name)}</h{level}>\n", "</summary>" if collapsible else ""]
    else:
        html.append(">")
    html.append("\n")
    if fieldset.description:
        html.append(f'\n<div class="description">{fieldset.description}</div>\n')
    html += [_line(line) for line in fieldset]
    html.append("\n</details>\n</fieldset>" if collapsible else "\n</fieldset>")
    return "".join(html)


class DeskFormRenderer(DjangoTemplates):
    """Django's default renderer, with the templates in WRITERS written directly."""

    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        html = write(context) if write is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return html.strip()


RENDERER = DeskFormRenderer()  # one, so its template engine is made once
