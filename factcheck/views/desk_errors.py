"""Error pages inside the desk (/admin/) in the admin's own look; elsewhere the public ones.

A 403 says which role the refused page needs ("Giving a verdict needs the Fact-checker
role"), found from the URL's name and the roles in factcheck/roles.py, and which role the
signed-in user has. The 500 page never queries the database (it may be what failed); the
403 and 404 pages ask it for the admin's navigation, and do without when it does not answer.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views import defaults

from factcheck import roles

from . import errors

# What a desk page does, by its URL name: (the permission it needs, the task in words).
TASKS = {
    "factcheck_claim_verdict": ("factcheck.give_verdict", "Giving a claim its verdict"),
    "factcheck_claim_publish": ("factcheck.publish_claim", "Publishing a claim"),
    "factcheck_claim_unpublish": ("factcheck.publish_claim", "Unpublishing a claim"),
}
ACTIONS = {
    "add": ("add", "Adding"),
    "change": ("change", "Changing"),
    "delete": ("delete", "Deleting"),
    "changelist": ("view", "Seeing the list of"),
    "history": ("view", "Seeing the history of"),
}
_MODEL_URL = re.compile(r"(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<action>[a-z_]+)")


def _in_desk(request) -> bool:
    return request.path_info.startswith(reverse("admin:index"))


def _needed(request) -> tuple[str, str] | None:
    """(permission, task in words) for the page refused, when its URL name says."""
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match else ""
    if not name:
        return None
    if name in TASKS:
        return TASKS[name]
    if name.startswith("factcheck_claim_import"):
        return "factcheck.import_claim", "Importing claims"
    if name.startswith("factcheck_claim_export"):
        return "factcheck.export_claim", "Exporting claims"
    found = _MODEL_URL.fullmatch(name)
    if found and found["action"] in ACTIONS:
        action, words = ACTIONS[found["action"]]
        label = found["model"]
        return f"{found['app']}.{action}_{label}", f"{words} {label}s"
    return None


def role_sentence(request) -> str:
    """Which role the refused page needs, and which the signed-in user has."""
    needed = _needed(request)
    user = request.user
    held = sorted(user.groups.values_list("name", flat=True)) if user.is_authenticated else []
    having = f"You are signed in as {user.get_username()}" + (
        f", with the {' and '.join(held)} role." if held else ", with no desk role."
    )
    if needed is None:
        return f"Your role does not allow this page. {having} Ask the desk's administrator."
    permission, task = needed
    role = next((name for name, perms in roles.ROLES.items() if permission in perms), None)
    if role is None:
        return f"{task} is for the desk's administrators. {having}"
    return (
        f"{task} needs the {role} role. {having} "
        "Ask the desk's administrator if your work needs it, or ask a colleague who has it."
    )


def _desk_context(request, title: str) -> dict:
    context = {"title": title}
    try:
        context.update(admin.site.each_context(request))
    except DatabaseError:
        context.update(_offline_context())
    return context


def _offline_context() -> dict:
    """What admin/base_site.html needs, from settings alone (no database, no request)."""
    return {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "site_url": admin.site.site_url,
        "has_permission": False,
        "is_nav_sidebar_enabled": False,
        "available_apps": [],
        "is_popup": False,
    }


def permission_denied(request, exception=None):
    if not _in_desk(request):
        return defaults.permission_denied(request, exception)
    context = _desk_context(request, "You do not have permission for this page")
    context["role_sentence"] = role_sentence(request)
    return render(request, "admin/403.html", context, status=403)


def not_found(request, exception=None):
    if not _in_desk(request):
        return errors.not_found(request, exception)
    context = _desk_context(request, "Page not found")
    return render(request, "admin/404.html", context, status=404)


def server_error(request):
    if not _in_desk(request):
        return errors.server_error(request)
    context = {**_offline_context(), "title": "Server error", "debug": settings.DEBUG}
    return HttpResponseServerError(loader.render_to_string("admin/500.html", context))
