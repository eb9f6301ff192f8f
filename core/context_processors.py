from core.roles import is_coordinator, reads_dashboard

# The header's sections that show as the current one (base.html), by URL name.
NAV_SECTIONS = {"home": "home", "dashboard:index": "dashboard"}


def roles(request):
    """The signed-in person's role and the current section, for navigation."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "is_coordinator": bool(user and is_coordinator(user)),
        "reads_dashboard": bool(user and reads_dashboard(user)),
        "nav_current": NAV_SECTIONS.get(match.view_name, "") if match else "",
    }
