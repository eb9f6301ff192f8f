"""What every app uses and that knows no domain: export and import machinery for the back office, shared
form widgets and admin helpers, the formset that refuses rows not its parent's (formsets.py), figures shown
in several places (figures.py: the share of women), the page language (middleware and view), role checks,
the navigation context processor, shared template fragments (templates/core/) and `compile_translations`.
One model, the stamps under which data is cached across requests (models.py, stamps.py), and the database
triggers that renew some of them."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.stamps import install_triggers

        # After every migrate (and flush): the tables of the stamps the database renews carry their triggers.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="core-stamp-triggers")


class BackOfficeAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the back office's site (core/admin_site.py)."""

    default = False  # core's own config stays CoreConfig
    default_site = "core.admin_site.BackOfficeSite"
