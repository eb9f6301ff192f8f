from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from api.models import PersonalAccessToken


class TokenScope(permissions.BasePermission):
    """A read-only token reads; it never writes, whatever its owner may do."""

    message = _("This token is read-only.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return not (isinstance(request.auth, PersonalAccessToken) and request.auth.read_only)
