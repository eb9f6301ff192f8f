"""Gender action plans: objectives, actions, indicators, measurements, progress updates and evidence, the
plan workflow (submit, review, approve), launching plans from a training, the print view and PDF, and the
back-office reports (reports.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Gender action plans")

    def ready(self):
        # The plans' event kinds must be known wherever notifications are shown or mailed (pages, the worker).
        from actionplans import events  # noqa: F401
        from actionplans.selectors import PLAN_PAGE_MODELS, REPORTING_MODELS, REPORTING_STAMP
        from core.stamps import renew_on

        renew_on(REPORTING_STAMP, REPORTING_MODELS)
        renew_on(REPORTING_STAMP, PLAN_PAGE_MODELS)
