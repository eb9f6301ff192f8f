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
        from core.stamps import renew_on
        from dashboard.services import STAMP

        renew_on(STAMP, COUNTED_MODELS)
