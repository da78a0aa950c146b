"""The stance of a source beside its claim's verdict (see factcheck.stances)."""

from django import template

from factcheck import stances

register = template.Library()


@register.filter
def stance_note(source, claim) -> tuple[str, str]:
    """(css class, words); reads `claim.sources.all()`, prefetched by the claim page."""
    recorded = [other.stance for other in claim.sources.all()]
    return stances.stance_note(source, claim.status, recorded)
