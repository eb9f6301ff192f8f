from notifications.selectors import unread_count


def bell(request):
    """The unread count for the bell in the header: one query per request, however many templates it renders
    (a PDF renders its document twice: once to recognise it, once with its printing time)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_notifications_unread"):
        request._notifications_unread = unread_count(user)
    return {"notifications_unread": request._notifications_unread}
