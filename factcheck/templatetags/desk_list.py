"""The claims list's results table (admin/factcheck/claim/change_list.html)."""

from django import template

from factcheck.admin import result_rows

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def claim_result_list(cl):
    """Django's {% result_list %}, with the rows written per column (admin/result_rows.py)."""
    return result_rows.result_list(cl)
