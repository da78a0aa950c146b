"""The desk's own template tags: the claims list's results table
(admin/factcheck/claim/change_list.html) and the admin's fieldsets written in Python
(admin/includes/fieldset.html)."""

from django import template
from django.utils.safestring import SafeString

from factcheck.admin import rendering, result_rows

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def claim_result_list(cl):
    """Django's {% result_list %}, with the rows written per column (admin/result_rows.py)."""
    return result_rows.result_list(cl)


@register.simple_tag(takes_context=True)
def desk_fieldset(context):
    """admin/includes/fieldset.html, as factcheck/admin/rendering.py writes it."""
    return SafeString(
        rendering.fieldset_html(
            context.get("fieldset"),
            context.get("heading_level"),
            *(context.get(name, "") for name in ("prefix", "id_prefix", "id_suffix")),
        )
    )
