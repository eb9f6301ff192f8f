"""Back office of the self-assessment: the questionnaire library, suggestions, assessments and the score export."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import Answer, Assessment, Question, SuggestedAction, Suggestion
from assessments.resources import AreaScoreResource
from core.exports import BackOfficeExportMixin


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ("text_en", "content_area", "order", "is_active")
    list_filter = ("content_area", "is_active")
    search_fields = ("text_en", "text_ru", "text_ky")
    list_select_related = ()
    ordering = ("content_area", "order", "pk")


class SuggestedActionInline(admin.TabularInline):
    model = SuggestedAction
    extra = 1


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ("title_en", "content_area", "up_to", "baseline_source", "is_active")
    list_filter = ("content_area", "up_to", "is_active")
    search_fields = ("title_en", "title_ru", "title_ky")
    list_select_related = ()
    inlines = [SuggestedActionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ("question", "level", "validated_level", "comment", "coordinator_comment", "evidence_name")
    readonly_fields = ("question", "evidence_name")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(BackOfficeExportMixin, SimpleHistoryAdmin):
    list_display = ("organization", "year", "status", "submitted_at", "validated_at")
    list_filter = ("status", "year", "organization__kind")
    search_fields = ("organization__name", "organization__short_name")
    list_select_related = ("organization",)
    readonly_fields = ("version", "submitted_at", "validated_at", "validated_by")
    resource_classes = (AreaScoreResource,)
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        # An assessment starts from its page (/assessments/), which asks every active question.
        return False
