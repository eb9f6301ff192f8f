"""The three reports staff send to donors and management, for the ``export_report`` command.

The admin offers the same resources as extra export choices (on Attendance, Action and Indicator), where
they follow the list's filters and search; the command is for files too large for a web request.
"""

from actionplans.reporting import IndicatorPeriodsReport
from actionplans.resources import ActionPlanProgressResource, IndicatorProgressResource
from core.exports import export_bytes
from sessions_log.resources import TrainingReachResource

REPORTS = {
    resource.report_name: resource
    for resource in (
        TrainingReachResource,
        ActionPlanProgressResource,
        IndicatorProgressResource,
        IndicatorPeriodsReport,
    )
}


def report_export(*, name, file_format, year=None):
    """The bytes of report ``name`` as csv, xlsx or json, for every organization (optionally one year)."""
    resource_class = REPORTS[name]
    queryset = resource_class.report_queryset()
    if year is not None:
        queryset = resource_class.in_year(queryset, year)
    return export_bytes(resource=resource_class(), queryset=queryset, file_format=file_format)
