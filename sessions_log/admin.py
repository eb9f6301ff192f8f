"""Back office for trainings. Stories are kept here for coordinators but have no export of any kind."""

import datetime

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import COMPACT_TEXT, FirstRowsRelatedFilter, LongListMixin, choices_filter
from core.exports import BackOfficeExportMixin
from core.imports import BackOfficeImportExportMixin
from core.roles import is_coordinator
from sessions_log.models import (
    Attendance,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
)
from sessions_log.resources import (
    AttendanceResource,
    DiscussionTopicResource,
    FacilitatorResource,
    FindingResource,
    SessionTopicResource,
    TrainingReachResource,
    TrainingSessionResource,
)


class SessionYearFilter(admin.SimpleListFilter):
    """The year a training started in: the year staff report on."""

    title = _("year")
    parameter_name = "year"
    session_path = "session"
    reads = ("sessions_log.TrainingSession",)  # the years offered (core.admin.models_read)

    def lookups(self, request, model_admin):
        years = TrainingSession.objects.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdecimal() and datetime.MINYEAR <= int(self.value()) <= datetime.MAXYEAR:
            prefix = f"{self.session_path}__" if self.session_path else ""
            return queryset.filter(**{f"{prefix}start_date__year": int(self.value())})
        return queryset


class OwnYearFilter(SessionYearFilter):
    session_path = ""


class FacilitatorInline(admin.TabularInline):
    model = Facilitator
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("organization",)
    fields = ("organization", "women", "men", "not_stated", "note")


class SessionTopicInline(admin.TabularInline):
    formfield_overrides = COMPACT_TEXT
    model = SessionTopic
    extra = 0
    autocomplete_fields = ("topic",)
    fields = ("order", "topic", "key_points")


class FindingInline(admin.TabularInline):
    formfield_overrides = COMPACT_TEXT
    model = Finding
    extra = 0
    fields = ("order", "barrier", "statement")


@admin.register(TrainingSession)
class TrainingSessionAdmin(LongListMixin, BackOfficeExportMixin, admin.ModelAdmin):
    resource_classes = (TrainingSessionResource,)
    inlines = (FacilitatorInline, AttendanceInline, SessionTopicInline, FindingInline)
    list_display = ("title", "start_date", "end_date", "format", "status", "host_organization")
    list_filter = (OwnYearFilter, "format", "status")
    search_fields = ("title", "venue", "summary", "facilitators__name")
    list_select_related = ("host_organization",)
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("host_organization",)
    date_hierarchy = "start_date"
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Facilitator)
class FacilitatorAdmin(BackOfficeExportMixin, admin.ModelAdmin):
    resource_classes = (FacilitatorResource,)
    list_display = ("name", "affiliation", "session")
    search_fields = ("name", "affiliation", "session__title")
    list_filter = (SessionYearFilter,)
    list_select_related = ("session",)
    autocomplete_fields = ("session",)


@admin.register(Attendance)
class AttendanceAdmin(LongListMixin, BackOfficeExportMixin, admin.ModelAdmin):
    # The second resource is the Training reach report: it follows the filters and search of the list.
    resource_classes = (AttendanceResource, TrainingReachResource)
    list_display = ("organization", "session", "session_date", "women", "men", "not_stated", "total")
    list_filter = (
        SessionYearFilter,
        choices_filter("session__format", _("format")),
        choices_filter("organization__kind", _("organization kind")),
        choices_filter("organization__region", _("region")),
        ("session", FirstRowsRelatedFilter),
    )
    search_fields = ("organization__name", "organization__short_name", "session__title")
    list_select_related = ("organization", "session")
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    autocomplete_fields = ("session", "organization")

    @admin.display(description=_("session date"), ordering="session__start_date")
    def session_date(self, attendance):
        return attendance.session.start_date

    @admin.display(description=_("total"))
    def total(self, attendance):
        return attendance.total


@admin.register(DiscussionTopic)
class DiscussionTopicAdmin(BackOfficeImportExportMixin, admin.ModelAdmin):
    resource_classes = (DiscussionTopicResource,)
    list_display = ("question", "theme", "is_active")
    list_filter = ("theme", "is_active")
    search_fields = ("question", "theme", "notes")
    list_select_related = True


@admin.register(SessionTopic)
class SessionTopicAdmin(BackOfficeExportMixin, admin.ModelAdmin):
    resource_classes = (SessionTopicResource,)
    list_display = ("topic", "session", "order")
    list_filter = (SessionYearFilter, "topic__theme")
    search_fields = ("topic__question", "session__title", "key_points")
    list_select_related = ("topic", "session")
    autocomplete_fields = ("session", "topic")


@admin.register(Finding)
class FindingAdmin(BackOfficeExportMixin, admin.ModelAdmin):
    resource_classes = (FindingResource,)
    list_display = ("short_statement", "barrier", "session", "order")
    list_filter = ("barrier", SessionYearFilter)
    search_fields = ("statement", "session__title")
    list_select_related = ("session",)
    autocomplete_fields = ("session",)

    @admin.display(description=_("statement"))
    def short_statement(self, finding):
        return str(finding)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    """No export mixin, no resource, no action: a participant's story never leaves the app."""

    list_display = ("pseudonym", "role_context", "session", "consent_obtained", "created_at")
    list_filter = ("consent_obtained", SessionYearFilter)
    search_fields = ("pseudonym", "role_context", "session__title")
    list_select_related = ("session",)
    autocomplete_fields = ("session",)

    # The model's own permissions are not enough: stories belong to the coordinators (DESIGN.md), so the
    # back office shows them only to staff who are coordinators too.
    def has_module_permission(self, request):
        return is_coordinator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return is_coordinator(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_delete_permission(request, obj)
