"""Who may do what: the roles of DESIGN.md expressed as permission checks.

Coordinators are recognised by a permission (granted to the "Coordinators" group after every migrate), not by
the group's name, so a superuser is a coordinator too.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

COORDINATORS_GROUP = "Coordinators"
COORDINATE_PERMISSION = "organizations.coordinate"


def is_coordinator(user):
    return user.is_authenticated and user.is_active and user.has_perm(COORDINATE_PERMISSION)


DASHBOARD_PERMISSION = "organizations.view_dashboard"


def reads_dashboard(user):
    """Coordinators, and back-office staff given the dashboard permission: every organization's figures."""
    return is_coordinator(user) or (
        user.is_authenticated and user.is_active and user.is_staff and user.has_perm(DASHBOARD_PERMISSION)
    )


def coordinator_required(view):
    """Let coordinators in; anyone else signed in gets a 404, so a page's existence is not confirmed."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


COORDINATOR_APPS = ("organizations", "sessions_log", "actionplans")
# Coordinators manage everything of the programme; user accounts stay with the admins, and the history of each
# record (django-simple-history's "historical" models) is read, never edited.
NOT_FOR_COORDINATORS = {"user"}


def coordinators_group_sync(*, group_model, permission_model):
    """Create the Coordinators group if missing and give it the programme's permissions.

    Takes the models as arguments so the data migration can pass its historical ones.
    """
    group, _ = group_model.objects.get_or_create(name=COORDINATORS_GROUP)
    permissions = (
        permission_model.objects.filter(content_type__app_label__in=COORDINATOR_APPS)
        .exclude(content_type__model__in=NOT_FOR_COORDINATORS)
        .exclude(content_type__model__startswith="historical")
    )
    group.permissions.add(*permissions)
    return group


def coordinators_group_after_migrate(sender, *, apps=None, **kwargs):
    """``post_migrate``: after each programme app's permissions are made, the Coordinators group holds them, so the
    models a release adds are the coordinators' on the day it is migrated (the data migration that made the group
    could only give what existed then)."""
    if sender.label not in COORDINATOR_APPS:
        return
    from django.apps import apps as global_apps

    apps = apps or global_apps  # a flush sends no migration state: today's models
    coordinators_group_sync(
        group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission")
    )


def coordinators_all():
    """Every active person who coordinates the programme (through the group, a direct permission or superuser)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    app_label, codename = COORDINATE_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    granted = Q(is_superuser=True)
    if permission is not None:
        granted |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model().objects.filter(granted, is_active=True).distinct().order_by("pk")
