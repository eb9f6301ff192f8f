from notifications.selectors import unread_count


def unread_of(request):
    """The signed-in reader's unread count: one query per request, however many templates it renders (a PDF renders
    its document twice: once to recognise it, once with its printing time) or whether a kept page needs it for its
    key (core.kept.FRAME)."""
    if not hasattr(request, "_notifications_unread"):
        request._notifications_unread = unread_count(request.user)
    return request._notifications_unread


def bell(request):
    """The unread count for the bell in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": unread_of(request)}
