"""Reporting periods and period reports (issue 10) in the API: read them, and write a period's report through the
pages' own service (report_save): the same rules, the same version guard (409 with the current version)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from actionplans.models import Action, Indicator
from actionplans.models_reporting import (
    PeriodReport,
    ReportActionStatus,
    ReportingPeriod,
    ReportValue,
    ReportWorkflowError,
    StaleReportError,
)
from actionplans.reporting import report_save
from actionplans.selectors import user_can_edit
from api import filters as api_filters
from api.caching import CachedListMixin
from api.selectors import count_of
from api.serializers import ChoiceLabel
from api.views import Conflict, _validation_errors

ENTRY_FIELDS = list(ReportValue.ENTRY_FIELDS)


class ReportValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportValue
        fields = ["indicator", *ENTRY_FIELDS]


class ReportActionStatusSerializer(serializers.ModelSerializer):
    status_label = ChoiceLabel("status")

    class Meta:
        model = ReportActionStatus
        fields = ["action", "status", "status_label", "note"]


class PeriodReportSerializer(serializers.ModelSerializer):
    status_label = ChoiceLabel("status")
    values_count = serializers.IntegerField(
        read_only=True, help_text="Indicator values: in `/api/period-reports/<id>/`."
    )
    action_statuses_count = serializers.IntegerField(
        read_only=True, help_text="Reported action statuses: in `/api/period-reports/<id>/`."
    )

    class Meta:
        model = PeriodReport
        fields = [
            "id",
            "period",
            "status",
            "status_label",
            "achieved",
            "obstacles",
            "next_steps",
            "review_comment",
            "first_submitted_at",
            "submitted_at",
            "reviewed_at",
            "version",
            "values_count",
            "action_statuses_count",
            "updated_at",
        ]


class PeriodReportDetailSerializer(PeriodReportSerializer):
    values = ReportValueSerializer(many=True, read_only=True)
    action_statuses = ReportActionStatusSerializer(many=True, read_only=True)

    class Meta(PeriodReportSerializer.Meta):
        fields = [*PeriodReportSerializer.Meta.fields, "values", "action_statuses"]


class PeriodSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="plan.organization_id", read_only=True)
    state = serializers.SerializerMethodField()
    state_label = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = ["id", "plan", "organization", "number", "start", "end", "due", "state", "state_label", "report"]

    def get_state(self, period) -> str:
        return period.state().value

    def get_state_label(self, period) -> str:
        return str(period.state().label)

    def get_report(self, period) -> int | None:
        report = period.existing_report
        return report.pk if report else None


class ReportWriteSerializer(serializers.Serializer):
    class Value(serializers.Serializer):
        indicator = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
        note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")

    class Status(serializers.Serializer):
        action = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        status = serializers.ChoiceField(choices=Action.Status.choices)

    version = serializers.IntegerField(
        min_value=0, help_text="The report's version you last read (0 before its first save); else 409."
    )
    achieved = serializers.CharField(required=False, allow_blank=True)
    obstacles = serializers.CharField(required=False, allow_blank=True)
    next_steps = serializers.CharField(required=False, allow_blank=True)
    values = Value(many=True, required=False, default=list)
    statuses = Status(many=True, required=False, default=list)


for _name in ENTRY_FIELDS:
    if _name not in ("value", "note"):
        ReportWriteSerializer.Value._declared_fields[_name] = serializers.IntegerField(
            min_value=0, max_value=10_000_000, required=False, allow_null=True
        )


class PeriodViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Reporting periods of the plans one may see, with their state and report; editors write a period's report."""

    serializer_class = PeriodSerializer
    filterset_class = api_filters.PeriodFilter

    def get_queryset(self):
        return ReportingPeriod.objects.for_user(self.request.user).with_report().select_related("plan")

    @extend_schema(
        request=ReportWriteSerializer,
        responses={
            200: PeriodReportDetailSerializer,
            404: OpenApiResponse(description="No such period for you, or a row of another plan."),
            409: OpenApiResponse(description="Stale version or locked report."),
        },
        summary="Write the period's report (values, action statuses, narrative); the plan must be approved",
    )
    @route(detail=True, methods=["put"], url_path="report", pagination_class=None, filterset_class=None)
    def write_report(self, request, pk=None, format=None):  # format: the router's ".json" suffix URLs
        period = get_object_or_404(ReportingPeriod.objects.for_user(request.user).select_related("plan"), pk=pk)
        if not user_can_edit(user=request.user, plan=period.plan):
            raise exceptions.PermissionDenied(_("You can read this plan but not change it."))
        data = ReportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        body = data.validated_data
        indicators = (
            Indicator.objects.for_user(request.user).filter(objective__plan=period.plan).select_related("objective")
        )
        actions = Action.objects.for_user(request.user).filter(objective__plan=period.plan).select_related("objective")
        by_id = {i.pk: i for i in indicators}
        actions_by_id = {a.pk: a for a in actions}
        try:
            values = [
                ReportValue(indicator=by_id[row["indicator"]], **{k: v for k, v in row.items() if k != "indicator"})
                for row in body["values"]
            ]
            statuses = {actions_by_id[row["action"]]: row["status"] for row in body["statuses"]}
        except KeyError:
            # As the pages: another plan's indicator or action is not there for this report (issue 10: 404).
            raise exceptions.NotFound(_("That row is not one of this plan's.")) from None
        narrative = {name: body[name] for name in ("achieved", "obstacles", "next_steps") if name in body}
        try:
            report = report_save(
                period=period,
                by=request.user,
                version=body["version"],
                narrative=narrative,
                values=values,
                statuses=statuses,
            )
        except StaleReportError:
            current = PeriodReport.objects.filter(period=period).values_list("version", flat=True).first() or 0
            raise Conflict(StaleReportError.message, current_version=current) from None
        except (ReportWorkflowError, PermissionDenied) as refusal:
            raise Conflict(str(refusal)) from None
        except DjangoValidationError as error:
            raise _validation_errors(error) from None
        return Response(PeriodReportDetailSerializer(_with_rows(PeriodReport.objects).get(pk=report.pk)).data)


class PeriodReportViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Period reports: the list counts each one's values and action statuses, one report carries them."""

    def get_serializer_class(self):
        return PeriodReportDetailSerializer if self.action == "retrieve" else PeriodReportSerializer

    def get_queryset(self):
        reports = PeriodReport.objects.for_user(self.request.user)
        return _with_rows(reports) if self.action == "retrieve" else _with_counts(reports)


def _with_counts(reports):
    return reports.annotate(
        values_count=count_of(ReportValue.objects.all(), "report"),
        action_statuses_count=count_of(ReportActionStatus.objects.all(), "report"),
    )


def _with_rows(reports):
    """Reports with their counts, values and action statuses (one report's answer)."""
    values = Prefetch("values", queryset=ReportValue.objects.order_by("pk"))
    return _with_counts(reports).prefetch_related(values, "action_statuses")
