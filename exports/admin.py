from django.contrib import admin

from exports.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: who asked for which export, and why one failed."""

    list_display = ("title", "file_format", "user", "status", "rows", "size", "created_at", "finished_at")
    list_filter = ("status", "file_format")
    search_fields = ("title", "user__username")
    list_select_related = ("user",)
    readonly_fields = [field.name for field in ExportJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
