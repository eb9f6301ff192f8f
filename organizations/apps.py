"""Organizations and people: the organization directory, users and their memberships (editor or viewer),
headcount snapshots (the gender profile), and the pages to keep them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations and people")

    def ready(self):
        from core.stamps import renew_on
        from organizations.selectors import DIRECTORY_MODELS, DIRECTORY_STAMP

        renew_on(DIRECTORY_STAMP, DIRECTORY_MODELS)
