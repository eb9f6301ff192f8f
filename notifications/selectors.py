from core.prepared import KEY, Prepared
from core.roles import is_coordinator
from notifications.models import Notification
from organizations.models import Membership

# The notifications page kept whole for each reader (core.kept): the database renews this stamp on every write to
# the tables it reads (notifications.apps).
NOTIFICATION_PAGES_STAMP = "notification_pages"
NOTIFICATION_PAGES_MODELS = ("notifications.Notification", "organizations.User")

# The bell's count is on every signed-in page: the query is built once per process (core.prepared).
_UNREAD = Prepared(lambda pk: Notification.objects.filter(recipient_id=pk).unread().order_by().values_list("pk"), KEY)


def unread_count(user):
    """How many of the person's notifications are unread."""
    if not user.is_authenticated:
        return 0
    return _UNREAD.count(user.pk)


def notifications_page(*, user, only_unread=False):
    """The person's notifications, newest first, for the notifications page."""
    notifications = Notification.objects.for_user(user)
    return notifications.unread() if only_unread else notifications


def still_involved(user, organization_id):
    """Whether the person should still hear of an organization's events (deactivated or removed: no)."""
    if not user.is_active:
        return False
    if organization_id is None or is_coordinator(user):
        return True
    return Membership.objects.filter(user=user, organization_id=organization_id).exists()
