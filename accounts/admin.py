"""Back office: the audit list of account events on each person's page, and invitations (read-only)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
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
# Devices are not edited one by one (their secrets have no business in a form): the person sets them up, and the
# user list's action below removes them, on the audit list.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class UserAdmin(OrganizationsUserAdmin):
    inlines = (*OrganizationsUserAdmin.inlines, AccountEventInline)
    actions = ("remove_second_factor",)

    @admin.action(
        description=_("Remove the second factor (a lost phone): set up again at the next sign-in"),
        permissions=("change",),
    )
    def remove_second_factor(self, request, queryset):
        users = list(queryset.filter(totpdevice__confirmed=True).distinct())
        for user in users:
            services.second_factor_remove(user=user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d person was removed.",
                "The second factor of %(count)d people was removed.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )


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
