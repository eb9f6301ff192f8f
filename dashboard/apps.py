"""The programme dashboard: aggregate figures by year (selectors.py) and server-rendered SVG charts
(charts.py), for coordinators at / and read-only for back-office staff at /dashboard/."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Every model whose rows the dashboard's figures count: a save or delete of one renews the figures' stamp.
COUNTED_MODELS = (
    "organizations.Organization",
    "organizations.HeadcountSnapshot",
    "sessions_log.TrainingSession",
    "sessions_log.Attendance",
    "actionplans.ActionPlan",
    "actionplans.Objective",
    "actionplans.Action",
    "actionplans.ReportingPeriod",
    "actionplans.PeriodReport",
    "actionplans.ReportValue",
    # The self-assessments' distribution is cached under the same stamp.
    "assessments.Assessment",
    "assessments.Answer",
)


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        # Signals here invalidate a cache, they carry no domain rule: every write path (pages, admin, imports,
        # the API) is covered without each of them knowing about the dashboard.
        from django.db.models.signals import post_delete, post_save

        from dashboard.services import figures_stamp_renew

        for label in COUNTED_MODELS:
            model = self.apps.get_model(label)
            post_save.connect(figures_stamp_renew, sender=model, dispatch_uid=f"dashboard-stamp-save-{label}")
            post_delete.connect(figures_stamp_renew, sender=model, dispatch_uid=f"dashboard-stamp-delete-{label}")
