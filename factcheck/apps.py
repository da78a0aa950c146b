from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking"
    default = True

    def ready(self):
        from factcheck import check_counts, source_counts  # noqa: F401 - connect their receivers


class FactdeskAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "factcheck.admin_site.FactdeskAdminSite"
