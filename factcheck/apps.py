from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking"
    default = True

    def ready(self):
        # noqa: F401 - connect their receivers
        from factcheck import check_counts, figure_checks, listing, source_counts  # noqa: F401


class FactdeskAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "factcheck.admin_site.FactdeskAdminSite"
