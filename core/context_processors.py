from core.roles import is_coordinator, reads_dashboard


def roles(request):
    """The signed-in person's role, for navigation."""
    user = getattr(request, "user", None)
    return {
        "is_coordinator": bool(user and is_coordinator(user)),
        "reads_dashboard": bool(user and reads_dashboard(user)),
    }
