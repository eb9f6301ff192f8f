from django.contrib import admin

from api.models import ApiRequest, PersonalAccessToken


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "display_prefix",
        "read_only",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["read_only", "created_at", "expires_at", "revoked_at"]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "display_prefix", "read_only", "created_at", "expires_at", "last_used_at"]
    fields = [*readonly_fields, "revoked_at"]

    def has_add_permission(self, request):
        # Made by their owner on the API tokens page, where the string is shown once.
        return False


@admin.register(ApiRequest)
class ApiRequestAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "token", "method", "path", "status", "ip_address"]
    list_filter = ["method", "status", "at"]
    search_fields = ["path", "user__username", "token__name", "token__prefix"]
    list_select_related = ["user", "token"]
    date_hierarchy = "at"
    readonly_fields = ["at", "user", "token", "method", "path", "query", "status", "ip_address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
