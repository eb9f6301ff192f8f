"""The programme dashboard: aggregate figures by year (selectors.py) and server-rendered SVG charts
(charts.py), for coordinators at / and read-only for back-office staff at /dashboard/."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")
