"""The back office's "Reports" page: each report with what it holds, its filters and CSV / XLSX buttons.

Permission-checked like the admin's exports: staff, and "Can export …" on the report's model.
"""

import tempfile

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan
from actionplans.reports import (
    DEFAULT_REPORT_STATUSES,
    REPORTS,
    report_may_export,
    report_queryset,
    report_rows,
    report_write,
)
from core.exports import CONTENT_TYPES, background_start, export_rows, stream_csv
from organizations.models import OrganizationKind, Region
from sessions_log.models import TrainingSession

DESCRIPTIONS = {
    "training-reach": _(
        "One row per organization at each training: women, men and not stated, with the share of women."
    ),
    "action-plan-progress": _(
        "One row per action of each plan: who is responsible, dates, the status last accepted and whether it is "
        "overdue today; a status in a submitted report that is not accepted yet is a column apart."
    ),
    "indicator-progress": _(
        "One row per indicator: baseline, the value to date from accepted period reports (added up over periods "
        "or the latest, as the indicator says), target and how far along the way it is; a submitted value that "
        "is not accepted yet is a column apart."
    ),
    "indicator-periods": _(
        "One row per indicator and reporting period: the period's target, the accepted value with its parts "
        "(women, men, not stated, age bands, disability) and its status."
    ),
}
TITLES = {
    "training-reach": _("Training reach"),
    "action-plan-progress": _("Action plan progress"),
    "indicator-progress": _("Indicator progress"),
    "indicator-periods": _("Indicators by period"),
}
FORMATS = ("csv", "xlsx")


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    statuses = forms.MultipleChoiceField(
        label=_("Plan status"),
        choices=ActionPlan.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For the plan reports. Approved and completed plans unless you choose others."),
    )
    kind = forms.ChoiceField(label=_("Organization kind"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    training = forms.ModelChoiceField(label=_("Training"), required=False, queryset=TrainingSession.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(OrganizationKind.choices)
        self.fields["region"].choices = everything + list(Region.choices)
        self.fields["training"].empty_label = _("All")
        # The back office's reports cover every training (as the admin's exports do), not a coordinator's view.
        self.fields["training"].queryset = TrainingSession.objects.order_by("-start_date", "title")
        self.fields["statuses"].initial = list(DEFAULT_REPORT_STATUSES)

    def report_filters(self, resource_class):
        """Lookups on the report's model for the chosen kind, region and training."""
        data = self.cleaned_data
        organization, session = resource_class.organization_path, resource_class.session_path
        filters = {}
        if data.get("kind"):
            filters[f"{organization}__kind"] = data["kind"]
        if data.get("region"):
            filters[f"{organization}__region"] = data["region"]
        if data.get("training"):
            filters[session] = data["training"]
        return filters


@staff_member_required
def reports_page(request):
    reports = [
        {"name": name, "title": TITLES.get(name, name), "description": DESCRIPTIONS.get(name, "")}
        for name, resource_class in REPORTS.items()
        if report_may_export(request.user, name)
    ]
    if not reports:
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Reports"),
        "reports": reports,
        "form": ReportFilterForm(),
        "formats": ["csv", "xlsx"],
    }
    return render(request, "admin/reports.html", context)


@staff_member_required
def report_download(request, name, file_format):
    resource_class = REPORTS.get(name)
    if resource_class is None or file_format not in FORMATS:
        raise Http404
    if not report_may_export(request.user, name):
        raise PermissionDenied
    form = ReportFilterForm(request.GET)
    if not form.is_valid():
        context = {**admin.site.each_context(request), "title": _("Reports"), "form": form, "reports": [],
                   "formats": ["csv", "xlsx"]}  # fmt: skip
        return render(request, "admin/reports.html", context, status=400)
    options = {
        "name": name,
        "year": form.cleaned_data["year"],
        "statuses": list(form.cleaned_data["statuses"] or DEFAULT_REPORT_STATUSES),
        "filters": {key: getattr(value, "pk", value) for key, value in form.report_filters(resource_class).items()},
    }
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    if report_rows(**options) > settings.EXPORT_BACKGROUND_ROWS:
        spec = {"source": "report", "format": file_format, **options}
        queued = background_start(request=request, title=str(TITLES.get(name, name)), filename=filename, spec=spec)
        if queued is not None:
            return queued
    if file_format == "csv":
        queryset = report_queryset(**options)
        rows, _title = export_rows(resource=REPORTS[name](), queryset=queryset, file_format="csv")
        response = StreamingHttpResponse(stream_csv(rows), content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    out = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    report_write(file_format=file_format, out=out, **options)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[file_format])
