"""Who may do what: the roles of DESIGN.md expressed as permission checks.

Coordinators are recognised by a permission (granted to the "Coordinators" group by a data
migration), not by the group's name, so a superuser is a coordinator too.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

COORDINATORS_GROUP = "Coordinators"
COORDINATE_PERMISSION = "organizations.coordinate"


def is_coordinator(user):
    return user.is_authenticated and user.is_active and user.has_perm(COORDINATE_PERMISSION)


def coordinator_required(view):
    """Let coordinators in; anyone else signed in gets a 404, so a page's existence is not confirmed."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
