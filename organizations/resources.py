"""Import/export resources of the organizations app (see organizations/exports.py and imports.py)."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from core.exports import BackOfficeResource, NameForeignKeyWidget, related
from core.imports import ImportableResource
from organizations.models import HeadcountSnapshot, Membership, Organization


class OrganizationResource(ImportableResource):
    """The partner directory; imported by name (re-importing a list updates it, never duplicates)."""

    required_columns = ("name", "kind")

    class Meta:
        model = Organization
        name = _("Organizations")
        fields = (
            "name",
            "short_name",
            "kind",
            "region",
            "contact_person",
            "email",
            "phone",
            "address",
            "website",
            "notes",
            "is_active",
        )
        import_id_fields = ("name",)


class HeadcountSnapshotResource(ImportableResource):
    """Gender profiles; one row per organization, date and level; the organization is given by name."""

    organization = fields.Field(
        attribute="organization", column_name=_("Organization"), widget=NameForeignKeyWidget(Organization)
    )
    required_columns = ("organization", "as_of", "level")
    export_select_related = ("organization",)

    class Meta:
        model = HeadcountSnapshot
        name = _("Headcount snapshots")
        fields = ("organization", "as_of", "level", "women", "men", "not_stated", "source")
        import_id_fields = ("organization", "as_of", "level")


class MembershipResource(BackOfficeResource):
    """Who works in which organization: the user's sign-in name only (no e-mail or phone)."""

    username = related("user__username", _("User"))
    organization = related("organization__name", _("Organization"))
    export_select_related = ("user", "organization")

    class Meta:
        model = Membership
        name = _("Memberships")
        fields = ("organization", "username", "role", "created_at")
