"""The desk's roles as groups: Editor, Fact-checker, Publisher (each adds to the one before).

Migration 0003 creates them; `ensure_roles()` makes them again wherever they may be missing
(a flushed test database, a desk restored from a partial dump).
"""

from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions

EDITOR = [
    "factcheck.add_claim",
    "factcheck.change_claim",
    "factcheck.view_claim",
    "factcheck.export_claim",
    "factcheck.add_source",
    "factcheck.change_source",
    "factcheck.delete_source",
    "factcheck.view_source",
    "factcheck.add_article",
    "factcheck.change_article",
    "factcheck.view_article",
    "factcheck.add_figurecheck",
    "factcheck.change_figurecheck",
    "factcheck.delete_figurecheck",
    "factcheck.view_figurecheck",
    "factcheck.view_fxrate",
    "factcheck.view_correction",
    "companies.add_company",
    "companies.change_company",
    "companies.view_company",
    "companies.add_companyalias",
    "companies.change_companyalias",
    "companies.delete_companyalias",
    "companies.view_companyalias",
    "companies.view_companygroup",
]
FACT_CHECKER = EDITOR + [
    "factcheck.give_verdict",
    "factcheck.import_claim",
    "factcheck.add_fxrate",
    "factcheck.change_fxrate",
]
PUBLISHER = FACT_CHECKER + [
    "factcheck.publish_claim",
    "factcheck.delete_claim",
    "factcheck.delete_article",
    "companies.add_companygroup",
    "companies.change_companygroup",
]
ROLES = {"Editor": EDITOR, "Fact-checker": FACT_CHECKER, "Publisher": PUBLISHER}


def ensure_roles(apps=django_apps) -> None:
    """Create or refresh the role groups and their permissions (idempotent)."""
    # Permissions are normally made after migrate; the roles need them now.
    for app_config in apps.get_app_configs():
        had_models = getattr(app_config, "models_module", None)
        app_config.models_module = had_models or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had_models
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
