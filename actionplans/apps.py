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
        from django.apps import apps

        from actionplans import events  # noqa: F401
        from actionplans.selectors import (
            PLAN_PAGE_MODELS,
            PLAN_PAGES_MODELS,
            PLAN_PAGES_STAMP,
            REPORTING_MODELS,
            REPORTING_STAMP,
        )
        from core.stamps import renew_in_database, renew_on

        renew_on(REPORTING_STAMP, REPORTING_MODELS)
        renew_on(REPORTING_STAMP, PLAN_PAGE_MODELS)
        models = [apps.get_model(label) for label in PLAN_PAGES_MODELS]
        # The plan's history is read from django-simple-history's tables, written beside the rows.
        histories = [model.history.model for model in models if hasattr(model, "history")]
        renew_in_database(PLAN_PAGES_STAMP, models + histories)
