"""Accounts people manage themselves: invitations, members of each organization, password reset and change,
sign-in with e-mail or username, two-factor sign-in, and the audit list of account events."""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")  # the back office's heading for invitations and account events

    def ready(self):
        from accounts.backends import renew_on_permission_changes
        from accounts.checks import second_factor_check

        checks.register(second_factor_check, checks.Tags.security, deploy=True)
        renew_on_permission_changes()

        from accounts.selectors import MEMBER_PAGES_MODELS, MEMBER_PAGES_STAMP
        from core.stamps import renew_in_database

        renew_in_database(MEMBER_PAGES_STAMP, MEMBER_PAGES_MODELS, unseen=())
