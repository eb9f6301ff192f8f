"""Back office: the audit list of account events on each person's page, and invitations (read-only)."""

from django.contrib import admin

from accounts.models import AccountEvent, Invitation
from organizations.admin import UserAdmin as OrganizationsUserAdmin
from organizations.models import User


class AccountEventInline(admin.TabularInline):
    """The person's account events, newest first; an audit list is read, never edited."""

    model = AccountEvent
    fk_name = "user"
    extra = 0
    max_num = 0
    can_delete = False
    fields = ("created_at", "kind", "organization", "role", "actor")
    readonly_fields = fields
    ordering = ("-created_at", "-pk")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "actor")


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(OrganizationsUserAdmin):
    inlines = (*OrganizationsUserAdmin.inlines, AccountEventInline)


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "user", "email", "organization", "role", "actor")
    list_filter = ("kind",)
    search_fields = ("user__username", "email", "organization__name", "actor__username")
    list_select_related = ("user", "organization", "actor")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organization", "role", "invited_by", "sent_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("email", "organization__name")
    list_select_related = ("organization", "invited_by")
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
