"""The three reports staff send to donors and management, for the ``export_report`` command.

The admin offers the same resources as extra export choices (on Attendance, Action and Indicator), where
they follow the list's filters and search; the command is for files too large for a web request.
"""

from actionplans.models import ActionPlan, Indicator
from actionplans.reporting import IndicatorPeriodsReport
from actionplans.resources import ActionPlanProgressResource, IndicatorProgressResource
from core.db import on_replica
from core.exports import export_bytes, export_write
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


# Reports count the plans that were agreed: drafts would inflate them (47 of the 86 rows of the demo's action
# report came from drafts). The person can choose other statuses.
DEFAULT_REPORT_STATUSES = (ActionPlan.Status.APPROVED, ActionPlan.Status.COMPLETED)


def report_queryset(*, name, year=None, statuses=DEFAULT_REPORT_STATUSES, filters=None):
    """The rows of report ``name``: optionally one year, plans in ``statuses`` only (where the report is about
    plans), and ``filters`` (lookups on the report's model, e.g. organization kind or region)."""
    resource_class = REPORTS[name]
    queryset = resource_class.report_queryset()
    if year is not None:
        queryset = resource_class.in_year(queryset, year)
    plan_path = getattr(resource_class, "plan_path", None)
    if plan_path and statuses:
        queryset = queryset.filter(**{f"{plan_path}__status__in": list(statuses)})
    # Read from the replica when there is one (core/db.py): a report reads every row.
    return on_replica(queryset.filter(**(filters or {})))


def report_export(*, name, file_format, year=None, statuses=DEFAULT_REPORT_STATUSES, filters=None):
    """The bytes of report ``name`` as csv, xlsx or json, for every organization (optionally one year)."""
    queryset = report_queryset(name=name, year=year, statuses=statuses, filters=filters)
    return export_bytes(resource=REPORTS[name](), queryset=queryset, file_format=file_format)


def report_write(*, name, file_format, out, year=None, statuses=DEFAULT_REPORT_STATUSES, filters=None):
    """Write report ``name`` into the binary file ``out``, a chunk of rows at a time: the rows written."""
    queryset = report_queryset(name=name, year=year, statuses=statuses, filters=filters)
    return export_write(resource=REPORTS[name](), queryset=queryset, file_format=file_format, out=out)


def report_rows(*, name, year=None, statuses=DEFAULT_REPORT_STATUSES, filters=None):
    """How many rows report ``name`` has (one COUNT query): large ones are made in the background."""
    queryset = report_queryset(name=name, year=year, statuses=statuses, filters=filters)
    return queryset.count()


def report_may_export(user, name):
    """Whether ``user`` has the admin export's permission on report ``name``'s model (the periods report is about
    indicators): the Reports page and the background job ask the same."""
    resource_class = REPORTS[name]
    model = resource_class._meta.model if hasattr(resource_class, "_meta") else Indicator
    return user.has_perm(f"{model._meta.app_label}.export_{model._meta.model_name}")
