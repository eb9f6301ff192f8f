"""The API's endpoints. Every queryset starts from the model's for_user() door; writes go through the pages' forms,
model methods and services, so the rules and messages are the same as on the pages.

ViewSets rather than function views: DRF's router and drf-spectacular's schema are built around them, and each
one here only names its queryset, serializer and filters.
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Prefetch
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from actionplans.forms import ActionStatusForm, MeasurementForm
from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective, StalePlanError
from actionplans.reports import REPORTS
from actionplans.resources import with_latest_measurement
from actionplans.selectors import user_can_edit
from actionplans.services import action_status_record, measurement_record
from api import filters, serializers
from api.caching import CachedListMixin
from api.selectors import count_of, sum_of
from core.exports import export_bytes
from core.roles import is_coordinator
from organizations.models import HeadcountSnapshot, Membership, Organization
from organizations.services import headcount_snapshots_add
from sessions_log.models import Attendance, DiscussionTopic, Finding, SessionTopic, TrainingSession


class Conflict(exceptions.APIException):
    """409: the plan's state does not allow the write; `current_version` tells the caller what to reload."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail, current_version=None):
        super().__init__(detail)
        if current_version is not None:
            self.detail = {"detail": self.detail, "current_version": current_version}


WRITE_ERRORS = {
    201: None,
    409: OpenApiResponse(
        serializers.StaleVersionSerializer,
        description="The plan does not accept progress now, or `plan_version` is not the plan's current version "
        "(then `current_version` says which it is).",
    ),
}


def _plan_for_progress(*, user, plan, plan_version):
    """The pages' checks before a partner records progress: editor, same version, plan accepting progress."""
    if not user_can_edit(user=user, plan=plan):
        raise exceptions.PermissionDenied(_("You can read this plan but not change it."))
    if plan_version is not None and plan_version != plan.version:
        raise Conflict(StalePlanError.message, current_version=plan.version)
    _progress_write(plan.check_accepts_progress, plan=plan)


def _progress_write(write, *, plan, **kwargs):
    """Run a progress write; the plan's "accepts progress" refusal (also one that came meanwhile) is a 409."""
    try:
        return write(**kwargs)
    except PermissionDenied as refusal:
        plan.refresh_from_db(fields=["version"])
        raise Conflict(str(refusal), current_version=plan.version) from None


def _form_errors(form):
    return exceptions.ValidationError(
        {("non_field_errors" if name == "__all__" else name): errors for name, errors in form.errors.items()}
    )


def _validation_errors(error):
    """Django's ValidationError from a model or service as DRF's 400, with the same messages per field."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                ("non_field_errors" if name == "__all__" else name): messages
                for name, messages in error.message_dict.items()
            }
        )
    return exceptions.ValidationError({"non_field_errors": error.messages})


class OrganizationViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Organizations (all for coordinators, their own for partners); the list counts each one's headcount snapshots,
    one organization carries them (its gender profile)."""

    filterset_class = filters.OrganizationFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.OrganizationDetailSerializer
        return serializers.OrganizationSerializer

    def get_queryset(self):
        organizations = Organization.objects.for_user(self.request.user).annotate(
            headcounts_count=count_of(HeadcountSnapshot.objects.all(), "organization")
        )
        if self.action != "retrieve":
            return organizations
        headcounts = HeadcountSnapshot.objects.select_related("organization").order_by("-as_of", "level")
        return organizations.prefetch_related(Prefetch("headcounts", queryset=headcounts))

    @extend_schema(
        request=serializers.HeadcountWriteSerializer,
        responses={201: serializers.HeadcountSnapshotSerializer(many=True)},
        summary="Add a headcount (gender profile) on a date, at one or more levels",
    )
    @route(detail=True, methods=["post"], url_path="headcounts", pagination_class=None, filterset_class=None)
    def add_headcounts(self, request, pk=None, format=None):  # format: the router's ".json" suffix URLs
        organization = get_object_or_404(Organization.objects.for_user(request.user), pk=pk)
        may_write = (
            is_coordinator(request.user)
            or Membership.objects.filter(
                user=request.user, organization=organization, role=Membership.Role.EDITOR
            ).exists()
        )
        if not may_write:
            raise exceptions.PermissionDenied(_("You can read this organization's profile but not change it."))
        data = serializers.HeadcountWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = data.validated_data["levels"]
        levels = {row["level"]: (row["women"], row["men"], row["not_stated"]) for row in rows}
        if len(levels) != len(rows):
            raise exceptions.ValidationError({"levels": [_("Give each level once.")]})
        try:
            rows = headcount_snapshots_add(
                organization=organization,
                as_of=data.validated_data["as_of"],
                levels=levels,
                source=data.validated_data["source"],
            )
        except DjangoValidationError as error:
            raise _validation_errors(error) from None
        return Response(serializers.HeadcountSnapshotSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)


class HeadcountViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Headcount snapshots, one row per organization, date and level."""

    serializer_class = serializers.HeadcountSnapshotSerializer
    filterset_class = filters.HeadcountFilter

    def get_queryset(self):
        return HeadcountSnapshot.objects.for_user(self.request.user).select_related("organization")


class TrainingViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Trainings (coordinators only): the list with the number of organizations and participants, topics and
    findings; one training with its facilitators, attendance by organization, discussion topics and findings.

    Participants' stories are in no endpoint.
    """

    filterset_class = filters.TrainingFilter

    def get_serializer_class(self):
        return serializers.TrainingDetailSerializer if self.action == "retrieve" else serializers.TrainingSerializer

    def get_queryset(self):
        attendance = Attendance.objects.all()
        trainings = TrainingSession.objects.for_user(self.request.user).annotate(
            host_organization_name=F("host_organization__name"),
            attendance_count=count_of(attendance, "session"),
            women=sum_of(attendance, "session", "women"),
            men=sum_of(attendance, "session", "men"),
            not_stated=sum_of(attendance, "session", "not_stated"),
            topics_count=count_of(SessionTopic.objects.all(), "session"),
            findings_count=count_of(Finding.objects.all(), "session"),
        )
        if self.action != "retrieve":
            return trainings
        return trainings.prefetch_related(
            "facilitators",
            Prefetch("attendances", queryset=Attendance.objects.select_related("organization")),
            Prefetch("session_topics", queryset=SessionTopic.objects.select_related("topic")),
            "findings",
        )


class TopicViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """The discussion topic library (coordinators only)."""

    serializer_class = serializers.DiscussionTopicSerializer

    def get_queryset(self):
        return DiscussionTopic.objects.for_user(self.request.user)


class PlanViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Action plans with their action counts; one plan with objectives, actions, indicators and measurements."""

    filterset_class = filters.PlanFilter

    def get_serializer_class(self):
        return serializers.PlanDetailSerializer if self.action == "retrieve" else serializers.PlanSerializer

    def get_queryset(self):
        plans = (
            ActionPlan.objects.for_user(self.request.user)
            .with_progress()
            .annotate(
                organization_name=F("organization__name"),
                organization_kind=F("organization__kind"),
                organization_region=F("organization__region"),
            )
        )
        if self.action != "retrieve":
            return plans
        # No joins back up the tree: each prefetched row gets its parent from the prefetch itself.
        measurements = Measurement.objects.order_by("date", "pk")
        indicators = with_latest_measurement(Indicator.objects.all()).prefetch_related(
            Prefetch("measurements", queryset=measurements)
        )
        objectives = Objective.objects.prefetch_related(
            "actions",
            Prefetch("indicators", queryset=indicators),
        )
        return plans.prefetch_related(Prefetch("objectives", queryset=objectives))


class ActionViewSet(CachedListMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Actions of the plans one may see; editors of an approved plan set an action's status."""

    filterset_class = filters.ActionFilter
    http_method_names = ["get", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.request.method == "PATCH":
            return serializers.ActionStatusWriteSerializer
        return serializers.ActionSerializer

    def get_queryset(self):
        return Action.objects.for_user(self.request.user).select_related("objective__plan")

    @extend_schema(
        request=serializers.ActionStatusWriteSerializer,
        responses={200: serializers.ActionSerializer, 409: WRITE_ERRORS[409]},
        summary="Set an action's status (the plan must be approved)",
    )
    def partial_update(self, request, *args, **kwargs):
        action = self.get_object()
        data = serializers.ActionStatusWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = action.objective.plan
        _plan_for_progress(user=request.user, plan=plan, plan_version=data.validated_data.get("plan_version"))
        form = ActionStatusForm({"status": data.validated_data["status"]}, instance=action)
        if not form.is_valid():
            raise exceptions.ValidationError({"status": [_("Choose one of the listed statuses.")]})
        _progress_write(action_status_record, plan=plan, form=form, by=request.user)
        return Response(serializers.ActionSerializer(action, context=self.get_serializer_context()).data)


class IndicatorViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Indicators with their latest measurement and progress towards the target."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter

    def get_queryset(self):
        return with_latest_measurement(Indicator.objects.for_user(self.request.user).select_related("objective__plan"))

    @extend_schema(
        request=serializers.MeasurementWriteSerializer,
        responses={201: serializers.MeasurementSerializer, 409: WRITE_ERRORS[409]},
        summary="Record a measurement of an indicator (the plan must be approved)",
    )
    @route(detail=True, methods=["post"], url_path="measurements", pagination_class=None, filterset_class=None)
    def add_measurement(self, request, pk=None, format=None):
        indicator = get_object_or_404(
            Indicator.objects.for_user(request.user).select_related("objective__plan__organization"), pk=pk
        )
        data = serializers.MeasurementWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        plan = indicator.objective.plan
        _plan_for_progress(user=request.user, plan=plan, plan_version=values.pop("plan_version", None))
        form = MeasurementForm({k: v for k, v in values.items() if v is not None}, indicator=indicator)
        if not form.is_valid():
            raise _form_errors(form)
        measurement = _progress_write(measurement_record, plan=plan, form=form, by=request.user)
        return Response(serializers.MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)


class MeasurementViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Measurements of indicators, oldest first; `recorded_since` picks up what was added since a sync."""

    serializer_class = serializers.MeasurementSerializer
    filterset_class = filters.MeasurementFilter

    def get_queryset(self):
        return Measurement.objects.for_user(self.request.user).select_related("indicator__objective__plan")


def _report_columns(resource_class, queryset):
    """Stable column names (a resource's field names, else the English headers as snake_case) and the labels in
    the request's language."""
    labels = [str(label) for label in resource_class().export(queryset=queryset.none()).headers]
    if hasattr(resource_class, "get_export_order"):  # a django-import-export resource
        return list(resource_class().get_export_order()), labels
    with translation.override("en"):
        headers = resource_class().export(queryset=queryset.none()).headers
    return [slugify(str(header)).replace("-", "_") for header in headers], labels


class ReportView(generics.GenericAPIView):
    """The back office's reports as JSON (the same columns, each with a name and a label), for the rows one may see."""

    serializer_class = serializers.ReportSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=sorted(REPORTS)),
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                description="Only this year (as the export_report command)",
            ),
        ],
        responses={200: serializers.ReportSerializer},
    )
    def get(self, request, name):
        resource_class = REPORTS.get(name)
        if resource_class is None:
            raise exceptions.NotFound()
        year = request.query_params.get("year") or None
        if year is not None:
            if not year.isdecimal() or not 1900 <= int(year) <= 2200:
                raise exceptions.ValidationError({"year": [_("Give a year such as 2025.")]})
            year = int(year)
        queryset = resource_class.report_queryset()
        queryset = queryset.filter(pk__in=queryset.model.objects.for_user(request.user).values("pk"))
        if year is not None:
            queryset = resource_class.in_year(queryset, year)
        names, labels = _report_columns(resource_class, queryset)
        rows = json.loads(export_bytes(resource=resource_class(), queryset=queryset, file_format="json"))
        columns = [{"name": name, "label": label} for name, label in zip(names, labels, strict=True)]
        return Response(
            {
                "report": name,
                "year": year,
                "columns": columns,
                "rows": [dict(zip(names, row.values(), strict=True)) for row in rows],
            }
        )
