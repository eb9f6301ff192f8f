"""Back office for organizations, their members and gender profiles (import and export machinery: core/)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import LongListMixin, choices_filter
from core.exports import BackOfficeExportMixin
from core.imports import BackOfficeImportExportMixin
from organizations.models import HeadcountSnapshot, Membership, Organization, User
from organizations.resources import HeadcountSnapshotResource, MembershipResource, OrganizationResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user", "organization")
    fields = ("user", "organization", "role")


class UserMembershipInline(MembershipInline):
    verbose_name_plural = _("memberships in partner organizations")


class OrganizationMembershipInline(MembershipInline):
    verbose_name_plural = _("members")


class HeadcountSnapshotInline(admin.TabularInline):
    model = HeadcountSnapshot
    extra = 0
    fields = ("as_of", "level", "women", "men", "not_stated", "source")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (UserMembershipInline,)
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:1],
        (DjangoUserAdmin.fieldsets[1][0], {"fields": (*DjangoUserAdmin.fieldsets[1][1]["fields"], "language")}),
        *DjangoUserAdmin.fieldsets[2:],
    )
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "memberships__role", "language")
    search_fields = ("username", "first_name", "last_name", "email", "memberships__organization__name")
    list_select_related = True


@admin.register(Organization)
class OrganizationAdmin(LongListMixin, BackOfficeImportExportMixin, admin.ModelAdmin):
    resource_classes = (OrganizationResource,)
    inlines = (OrganizationMembershipInline, HeadcountSnapshotInline)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "short_name", "kind", "region", "language", "contact_person", "email", "is_active")
    list_filter = ("kind", "region", "language", "is_active")
    search_fields = ("name", "short_name", "contact_person", "email")
    list_select_related = True
    # No second COUNT(*) of the whole table for "(N total)": at 500,000 rows it costs more than the page.
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "region", "language", "is_active")}),
        (_("Contact"), {"fields": ("contact_person", "email", "phone", "address", "website")}),
        (_("Notes"), {"fields": ("notes",)}),
    )


@admin.register(Membership)
class MembershipAdmin(LongListMixin, BackOfficeExportMixin, admin.ModelAdmin):
    resource_classes = (MembershipResource,)
    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role", choices_filter("organization__kind", _("organization kind")))
    search_fields = ("user__username", "user__first_name", "user__last_name", "organization__name")
    list_select_related = ("user", "organization")
    autocomplete_fields = ("user", "organization")


@admin.register(HeadcountSnapshot)
class HeadcountSnapshotAdmin(LongListMixin, BackOfficeImportExportMixin, admin.ModelAdmin):
    resource_classes = (HeadcountSnapshotResource,)
    list_display = ("organization", "as_of", "level", "women", "men", "not_stated", "share_of_women")
    list_filter = ("level", choices_filter("organization__kind", _("organization kind")), "as_of")
    search_fields = ("organization__name", "source")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    date_hierarchy = "as_of"

    @admin.display(description=_("women, %"))
    def share_of_women(self, snapshot):
        return snapshot.share_of_women
