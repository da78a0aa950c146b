"""Template filters of the claims table's page (`/`, `/claims/`): the filters' choices."""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe

from factcheck.facets import Summary, choices_in_results
from factcheck.pagination import unit_order

register = template.Library()


@register.filter
def options_in_results(field, summary: Summary) -> SafeString:
    """A choice field's <option>s, only the values the current rows have, each with its count.

    Written in one pass, as `select_options` is: the company list may be long.
    """
    current = str(field.value() or "")
    options = choices_in_results(field.field.choices, summary, field.name, current)
    return mark_safe(  # noqa: S308 - every value and label is escaped (quotes included)
        "".join(
            f'<option value="{html.escape(value)}"{" selected" if selected else ""}>'
            f"{html.escape(label)}</option>"
            for value, label, selected in options
        )
    )


@register.filter
def units_in_sort_order(listing) -> str:
    """The units of a listing's rows as the figure sort groups them: "USD, GPUs, CNY"."""
    descending = listing.query.sort.startswith("-")
    units = unit_order(listing.summary, descending=descending)
    return ", ".join(unit or "plain numbers" for unit in units)
