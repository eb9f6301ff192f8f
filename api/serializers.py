"""What the API shows: ids and labels both (`status` and `status_label`, `organization` and `organization_name`).

Stories have no serializer: they appear in no endpoint, for no role.
"""

from django.utils import timezone
from rest_framework import serializers

from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind, Region
from sessions_log.models import Attendance, DiscussionTopic, Facilitator, Finding, SessionTopic, TrainingSession


def label(source):
    return serializers.CharField(source=source, read_only=True)


class ChoiceLabel(serializers.CharField):
    """A choice's label in the request's language, e.g. `ChoiceLabel("organization.kind")`.

    Not `source="get_kind_display"`: Model.get_FOO_display() rebuilds and hashes the whole list of choices (lazy
    translations included) on every call, and DRF inspects the method's signature on every row: together they were
    half the time of a list page. Here the labels are translated once per serializer (one request, one language).
    """

    def __init__(self, source, choices=None, **kwargs):
        self.choices = choices  # for an annotation; a model field's own choices are found by bind()
        super().__init__(source=source, read_only=True, **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        if self.choices is None:
            model = parent.Meta.model
            *path, name = self.source.split(".")
            for step in path:
                model = model._meta.get_field(step).related_model
            self.choices = model._meta.get_field(name).flatchoices
        self.labels = None

    def to_representation(self, value):
        if self.labels is None:
            self.labels = {choice: str(text) for choice, text in self.choices}
        return self.labels.get(value, value)


class HeadcountSnapshotSerializer(serializers.ModelSerializer):
    organization_name = label("organization.name")
    level_label = ChoiceLabel("level")
    total = serializers.IntegerField(read_only=True)
    share_of_women = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = HeadcountSnapshot
        fields = [
            "id",
            "organization",
            "organization_name",
            "as_of",
            "level",
            "level_label",
            "women",
            "men",
            "not_stated",
            "total",
            "share_of_women",
            "source",
        ]
        read_only_fields = ["organization"]


class HeadcountWriteSerializer(serializers.Serializer):
    """One date's headcount, at one or more levels (as the profile page's form takes it)."""

    class LevelCounts(serializers.Serializer):
        level = serializers.ChoiceField(choices=Level.choices)
        women = serializers.IntegerField(min_value=0, max_value=10_000_000)
        men = serializers.IntegerField(min_value=0, max_value=10_000_000)
        not_stated = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)

    as_of = serializers.DateField()
    source = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    levels = LevelCounts(many=True, allow_empty=False, max_length=len(Level.values))


def count(help_text):
    return serializers.IntegerField(read_only=True, help_text=help_text)


class OrganizationSerializer(serializers.ModelSerializer):
    kind_label = ChoiceLabel("kind")
    region_label = ChoiceLabel("region")
    headcounts_count = count("Headcount snapshots: `/api/organizations/<id>/` or `/api/headcounts/?organization=<id>`.")

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "region",
            "region_label",
            "contact_person",
            "email",
            "phone",
            "address",
            "website",
            "is_active",
            "created_at",
            "updated_at",
            "headcounts_count",
        ]


class OrganizationDetailSerializer(OrganizationSerializer):
    headcounts = HeadcountSnapshotSerializer(many=True, read_only=True)

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "headcounts"]


class FacilitatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Facilitator
        fields = ["name", "affiliation"]


class AttendanceSerializer(serializers.ModelSerializer):
    organization_name = label("organization.name")
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Attendance
        fields = ["organization", "organization_name", "women", "men", "not_stated", "total", "note"]


class SessionTopicSerializer(serializers.ModelSerializer):
    question = label("topic.question")
    theme = label("topic.theme")

    class Meta:
        model = SessionTopic
        fields = ["topic", "question", "theme", "order", "key_points"]


class FindingSerializer(serializers.ModelSerializer):
    barrier_label = ChoiceLabel("barrier")

    class Meta:
        model = Finding
        fields = ["id", "statement", "barrier", "barrier_label", "order"]


class TrainingSerializer(serializers.ModelSerializer):
    format_label = ChoiceLabel("format")
    status_label = ChoiceLabel("status")
    host_organization_name = serializers.CharField(read_only=True, allow_null=True)
    attendance_count = count("Organizations that attended: their rows are in `/api/trainings/<id>/`.")
    women = count("Women who attended, all organizations.")
    men = count("Men who attended, all organizations.")
    not_stated = count("Participants whose gender was not stated, all organizations.")
    topics_count = count("Discussion topics: in `/api/trainings/<id>/`.")
    findings_count = count("Findings: in `/api/trainings/<id>/`.")

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "title",
            "start_date",
            "end_date",
            "format",
            "format_label",
            "status",
            "status_label",
            "venue",
            "language",
            "host_organization",
            "host_organization_name",
            "summary",
            "attendance_count",
            "women",
            "men",
            "not_stated",
            "topics_count",
            "findings_count",
            "updated_at",
        ]


class TrainingDetailSerializer(TrainingSerializer):
    facilitators = FacilitatorSerializer(many=True, read_only=True)
    attendance = AttendanceSerializer(source="attendances", many=True, read_only=True)
    topics = SessionTopicSerializer(source="session_topics", many=True, read_only=True)
    findings = FindingSerializer(many=True, read_only=True)

    class Meta(TrainingSerializer.Meta):
        fields = [*TrainingSerializer.Meta.fields, "facilitators", "attendance", "topics", "findings"]


class DiscussionTopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiscussionTopic
        fields = ["id", "question", "theme", "notes", "is_active"]


class MeasurementSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="indicator.objective.plan_id", read_only=True)
    organization = serializers.IntegerField(source="indicator.objective.plan.organization_id", read_only=True)

    class Meta:
        model = Measurement
        fields = ["id", "indicator", "plan", "organization", "date", "value", "women", "total", "note", "created_at"]


class MeasurementWriteSerializer(serializers.Serializer):
    """A measurement as the plan page's form takes it: women and total for a share of women, a value otherwise."""

    date = serializers.DateField(required=False)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    women = serializers.IntegerField(min_value=0, max_value=2_147_483_647, required=False, allow_null=True)
    total = serializers.IntegerField(min_value=0, max_value=2_147_483_647, required=False, allow_null=True)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    plan_version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The plan's version you last read; a different one answers 409 with the current version.",
    )


class ActionStatusWriteSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Action.Status.choices)
    plan_version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The plan's version you last read; a different one answers 409 with the current version.",
    )


class IndicatorSerializer(serializers.ModelSerializer):
    kind_label = ChoiceLabel("kind")
    level_label = ChoiceLabel("level")
    plan = serializers.IntegerField(source="objective.plan_id", read_only=True)
    organization = serializers.IntegerField(source="objective.plan.organization_id", read_only=True)
    latest_value = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, allow_null=True)
    latest_date = serializers.DateField(read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField(
        help_text="% of the way from the baseline (zero without one) to the target."
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "plan",
            "organization",
            "objective",
            "name",
            "kind",
            "kind_label",
            "level",
            "level_label",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
            "order",
            "latest_value",
            "latest_date",
            "progress",
        ]

    def get_progress(self, indicator) -> float | None:
        return indicator.progress_percent(indicator.latest_value)


class IndicatorWithMeasurementsSerializer(IndicatorSerializer):
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "measurements"]


class ActionSerializer(serializers.ModelSerializer):
    status_label = ChoiceLabel("status")
    plan = serializers.IntegerField(source="objective.plan_id", read_only=True)
    organization = serializers.IntegerField(source="objective.plan.organization_id", read_only=True)
    overdue = serializers.SerializerMethodField(help_text="Past its due date and neither done nor cancelled (today).")

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "organization",
            "objective",
            "title",
            "description",
            "responsible",
            "start_date",
            "due_date",
            "status",
            "status_label",
            "overdue",
            "resources",
            "order",
        ]

    def get_overdue(self, action) -> bool:
        return action.is_overdue(self.context.get("today") or timezone.localdate())


class ObjectiveSerializer(serializers.ModelSerializer):
    content_area_label = ChoiceLabel("content_area")
    actions = ActionSerializer(many=True, read_only=True)
    indicators = IndicatorWithMeasurementsSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "title", "content_area", "content_area_label", "description", "order", "actions", "indicators"]


class PlanSerializer(serializers.ModelSerializer):
    # The organization's columns come as annotations (PlanViewSet): no Organization object per row.
    organization_name = serializers.CharField(read_only=True)
    kind = label("organization_kind")
    kind_label = ChoiceLabel("organization_kind", choices=OrganizationKind.choices)
    region = label("organization_region")
    region_label = ChoiceLabel("organization_region", choices=Region.choices)
    status_label = ChoiceLabel("status")
    actions_total = serializers.IntegerField(read_only=True)
    actions_done = serializers.IntegerField(read_only=True)
    actions_overdue = serializers.IntegerField(read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "title",
            "organization",
            "organization_name",
            "kind",
            "kind_label",
            "region",
            "region_label",
            "period_start",
            "period_end",
            "status",
            "status_label",
            "source_session",
            "statement_of_intent",
            "approved_at",
            "version",
            "actions_total",
            "actions_done",
            "actions_overdue",
            "created_at",
            "updated_at",
        ]


class PlanDetailSerializer(PlanSerializer):
    objectives = ObjectiveSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "objectives"]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class StaleVersionSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()


class ReportColumnSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    report = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    columns = ReportColumnSerializer(many=True)
    rows = serializers.ListField(child=serializers.DictField())
