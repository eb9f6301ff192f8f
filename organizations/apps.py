"""Organizations and people: the organization directory, users and their memberships (editor or viewer),
headcount snapshots (the gender profile), and the pages to keep them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations and people")

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.roles import coordinators_group_after_migrate
        from core.stamps import renew_on
        from organizations.selectors import DIRECTORY_MODELS, DIRECTORY_STAMP

        renew_on(DIRECTORY_STAMP, DIRECTORY_MODELS)
        post_migrate.connect(coordinators_group_after_migrate, dispatch_uid="coordinators-group-sync")
