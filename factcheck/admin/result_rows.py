"""The claims list's rows, written with what Django's `items_for_result` decides per cell
decided once per column instead.

Django's admin looks each cell's column up again (a field lookup that raises for every
method column), reverses the change URL and re-parses the list's filters into it for every
row, and formats each cell's tag through `format_html`: 50 rows cost more than the whole
plain public template of the same rows. Here each column is made once into a function from
a row to its cell (the checkbox, a method of the admin, a relation, another field), with its
opening tags, boolean icons and the change URL (a placeholder for the pk, the list's filters
added once) worked out beforehand. The cells are what Django writes: the same classes,
escaping, empty value, boolean icons and link to the change page in the list_display_links
column (tests/factcheck/admin/test_result_rows.py compares them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.admin.templatetags.admin_list import (
    _boolean_icon,
    _coerce_field_name,
    result_headers,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

PLACEHOLDER = "__row_pk__"

Shown = Callable[[models.Model], tuple[object, bool]]  # (what to show, whether to nowrap)


def _method_cell(cl, name, empty: str) -> Shown:
    """A column that is a method or property (of the admin or the model), or a callable."""
    attr = name if callable(name) else getattr(cl.model_admin, name, None)
    on_model = attr is None
    if on_model:
        attr = getattr(cl.model, name)
    boolean = getattr(attr, "boolean", False)
    if isinstance(attr, property) and hasattr(attr, "fget"):
        boolean = getattr(attr.fget, "boolean", False)
    empty = getattr(attr, "empty_value_display", empty)
    icons = {value: _boolean_icon(value) for value in (True, False, None)} if boolean else None

    def shown(obj):
        value = getattr(obj, name) if on_model else attr(obj)
        if on_model and callable(value):
            value = value()
        if icons is not None:
            return icons[value], False
        if isinstance(value, str):  # the usual case: text or HTML, shown as it is
            return (value if value.strip() else empty), False
        nowrap = isinstance(value, dt.date | dt.time)
        return display_for_value(value, empty), nowrap

    return shown


def _field_cell(field, empty: str) -> Shown:
    """A column that is a model field: a relation shows its object, others their value."""
    if isinstance(field, models.ForeignKey):

        def related(obj):
            value = getattr(obj, field.name)
            return (empty if value is None else value), True

        return related
    nowrap = isinstance(field, models.DateField | models.TimeField)

    def plain(obj):
        value = getattr(obj, field.attname)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        return display_for_field(value, field, empty, avoid_link=True), nowrap

    return plain


def _shown_of(cl, name) -> Shown:
    """How column `name` shows one row: (value, nowrap)."""
    empty = cl.model_admin.get_empty_value_display()
    try:
        field = None if callable(name) else cl.lookup_opts.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is None or field.auto_created:
        return _method_cell(cl, name, empty)
    return _field_cell(field, empty)


def _change_url(cl) -> str:
    """The change page's URL with PLACEHOLDER for the pk and the list's filters kept."""
    name = f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change"
    url = reverse(name, args=(PLACEHOLDER,), current_app=cl.model_admin.admin_site.name)
    return add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)


def _column(name, classes: str, shown: Shown, tag: str, url: str | None):
    """A function writing this column's cell of a row (`url`: the cell links to the row)."""
    opening = {
        False: f'<{tag} class="{escape(classes)}">',
        True: f'<{tag} class="{escape(classes)} nowrap">',
    }
    closing = f"</{tag}>"
    if url is None:

        def cell(obj):
            value, nowrap = shown(obj)
            return opening[nowrap] + conditional_escape(value) + closing

        return cell
    before, after = (escape(part) for part in url.split(PLACEHOLDER))

    def linked(obj):
        value, nowrap = shown(obj)
        href = before + escape(quote(str(obj.pk))) + after
        return f'{opening[nowrap]}<a href="{href}">{conditional_escape(value)}</a>{closing}'

    return linked


def _columns(cl) -> list[Callable[[models.Model], str]]:
    links = cl.list_display_links
    first_link = links is not None and not links
    url = _change_url(cl)
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        classes = (
            "action-checkbox"
            if name == "action_checkbox"
            else f"field-{_coerce_field_name(name, index)}"
        )
        linked = links is not None and ((first_link and index == 0) or name in links)
        tag = "th" if linked and first else "td"
        first = first and not linked
        columns.append(_column(name, classes, _shown_of(cl, name), tag, url if linked else None))
    return columns


def rows(cl) -> list[list[str]]:
    """Each result's cells, as Django's items_for_result writes them (no list_editable)."""
    columns = _columns(cl)
    return [[SafeString(cell(obj)) for cell in columns] for obj in cl.result_list]


def result_list(cl) -> dict:
    """The context of admin/change_list_results.html, with the rows written by `rows`, each
    row's cells as one string (the template writes a row's items one after another)."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": [[SafeString("".join(cells))] for cells in rows(cl)],
    }
