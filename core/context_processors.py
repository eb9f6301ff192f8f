from core.roles import is_coordinator


def roles(request):
    """The signed-in person's role, for navigation."""
    user = getattr(request, "user", None)
    return {"is_coordinator": bool(user and is_coordinator(user))}
