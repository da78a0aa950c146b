"""The workflow in the admin: one claim's buttons and the changelist's actions, both via services.

Every page that writes posts the version of each claim it was drawn from (`seen_version`
on one claim's pages, `seen_version_<pk>` per row of the changelist), so a claim changed by
someone else after the page was drawn is refused with what changed, never acted on blindly.
"""

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from factcheck.models import Claim


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def posted_version(request, pk: int, *, single: bool) -> int | None:
    """The version the editor's page showed for claim `pk`; None when the page did not say.

    Only ASCII digits count ("²" or "١" are not a version), and no more of them than a
    version can have.
    """
    name = "seen_version" if single else f"seen_version_{pk}"
    text = request.POST.get(name, "")
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    return int(text)


class MissingVersion(ValidationError):
    """A write whose page did not say which version of the claim it was drawn from."""


def require_version(request, claim: Claim, *, single: bool) -> int:
    version = posted_version(request, claim.pk, single=single)
    if version is None:
        raise MissingVersion(
            "This page did not say which version of the claim it showed, so nothing was "
            "changed: reload the page and try again."
        )
    return version


def apply_to_each(model_admin, request, claims, service, done: str, single=False, **kwargs) -> int:
    """Run `service` on each claim with its posted version; report successes and refusals."""
    ok, failed = 0, []
    for claim in claims:
        try:
            version = require_version(request, claim, single=single)
            service(claim=claim, expected_version=version, **kwargs)
            ok += 1
        except (ValidationError, PermissionDenied) as error:
            failed.append(f"Claim {claim.pk} “{claim.quote[:50]}”: {error_text(error)}")
    if ok:
        model_admin.message_user(request, f"{ok} claim(s) {done}.", messages.SUCCESS)
    for problem in failed:
        model_admin.message_user(request, problem, messages.ERROR)
    return ok


def confirm_page(
    model_admin,
    request,
    *,
    claims,
    action: str,
    title: str,
    intro: str,
    button: str,
    reason_label: str = "",
    reason_error: str = "",
    single=None,
):
    """Ask before acting: the claims, what will happen to each, and (if needed) a reason."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        "intro": intro,
        "claims": claims,
        "action": action,
        "button": button,
        "reason_label": reason_label,
        "reason_error": reason_error,
        "reason": request.POST.get("reason", ""),
        "single": single,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "versions": {
            c.pk: posted_version(request, c.pk, single=single is not None) or c.version
            for c in claims
        },
    }
    return TemplateResponse(request, "admin/factcheck/claim/confirm.html", context)
