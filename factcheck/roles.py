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
    "factcheck.view_readerreport",
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
    "factcheck.change_readerreport",  # answer and close readers' reports
]
PUBLISHER = FACT_CHECKER + [
    "factcheck.publish_claim",
    "factcheck.delete_claim",
    "factcheck.delete_article",
    "factcheck.delete_readerreport",  # spam
    "companies.add_companygroup",
    "companies.change_companygroup",
]
ROLES = {"Editor": EDITOR, "Fact-checker": FACT_CHECKER, "Publisher": PUBLISHER}


def _model_comes_later(apps, app_label: str, codename: str) -> bool:
    """True for a model permission whose model a migration has not made yet (0003 runs early)."""
    action, _, model_name = codename.partition("_")
    if action not in ("add", "change", "delete", "view"):
        return False
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return True
    return False


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
            if _model_comes_later(apps, app_label, codename):
                continue  # granted by the migration that makes the model (e.g. 0011)
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
