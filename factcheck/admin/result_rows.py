"""The claims list's rows, written with what Django's `items_for_result` decides per cell
decided once per column instead.

Django's admin looks each cell's column up again (a field lookup that raises for every
method column), reverses the change URL and re-parses the list's filters into it for every
row: 50 rows cost more than the whole plain public template of the same rows. Here each
column is classified once (the checkbox, a method of the admin, a relation, another field),
the change URL is reversed once with a placeholder and the list's filters are added to it
once. The cells are what Django writes: the same classes, escaping, empty value, boolean
icons and link to the change page in the list_display_links column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.admin.templatetags.admin_list import _coerce_field_name, result_headers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

PLACEHOLDER = "__row_pk__"

Cell = Callable[[models.Model], tuple[object, bool]]  # (what to show, whether to nowrap)


def _cell_of(cl, name: str) -> Cell:
    """How column `name` shows one row: (value, nowrap)."""
    admin = cl.model_admin
    empty = admin.get_empty_value_display()
    try:
        field = None if callable(name) else cl.lookup_opts.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is None or field.auto_created:
        attr = name if callable(name) else getattr(admin, name, None)
        on_model = attr is None
        if on_model:
            attr = getattr(cl.model, name)
        boolean = getattr(attr, "boolean", False)
        if isinstance(attr, property) and hasattr(attr, "fget"):
            boolean = getattr(attr.fget, "boolean", False)
        empty = getattr(attr, "empty_value_display", empty)

        def method(obj):
            value = getattr(obj, name) if on_model else attr(obj)
            if on_model and callable(value):
                value = value()
            if isinstance(value, str) and value.strip() == "":
                value = ""
            nowrap = isinstance(value, dt.date | dt.time)
            return display_for_value(value, empty, boolean), nowrap

        return method
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


def _change_url(cl) -> str:
    """The change page's URL with PLACEHOLDER for the pk and the list's filters kept."""
    name = f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change"
    url = reverse(name, args=(PLACEHOLDER,), current_app=cl.model_admin.admin_site.name)
    return add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)


def rows(cl) -> list[list[str]]:
    """Each result's cells, as Django's items_for_result writes them (no list_editable)."""
    links = cl.list_display_links
    columns = []
    for index, name in enumerate(cl.list_display):
        classes = (
            "action-checkbox"
            if name == "action_checkbox"
            else f"field-{_coerce_field_name(name, index)}"
        )
        columns.append((name, classes, _cell_of(cl, name)))
    first_link = links is not None and not links
    url = _change_url(cl)
    written = []
    for obj in cl.result_list:
        cells, first = [], True
        for index, (name, classes, cell) in enumerate(columns):
            shown, nowrap = cell(obj)
            row_class = format_html(' class="{}{}"', classes, " nowrap" if nowrap else "")
            if links is not None and ((first_link and index == 0) or name in links):
                tag, first = ("th" if first else "td"), False
                href = url.replace(PLACEHOLDER, quote(str(obj.pk)))
                shown = format_html('<a href="{}">{}</a>', href, shown)
                cells.append(format_html("<{}{}>{}</{}>", tag, row_class, shown, tag))
            else:
                cells.append(format_html("<td{}>{}</td>", row_class, shown))
        written.append(cells)
    return written


def result_list(cl) -> dict:
    """The context of admin/change_list_results.html, with the rows written by `rows`."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows(cl),
    }
