from notifications.models import Notification


def unread_count(user):
    """How many of the person's notifications are unread."""
    return Notification.objects.for_user(user).unread().count()


def notifications_page(*, user, only_unread=False):
    """The person's notifications, newest first, for the notifications page."""
    notifications = Notification.objects.for_user(user)
    return notifications.unread() if only_unread else notifications
