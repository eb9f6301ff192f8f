"""Notifications: the bell, the notifications page, delivery preferences and every outgoing mail.

It knows no domain: other apps call ``notifications.services.notify(...)`` with recipients, an event kind they
registered (``notifications.kinds``), a link and parameters. All mail (the app's and Django's own) is stored
as an ``OutgoingMail`` and sent by the task queue's worker (django-q2), never inside a request.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core.kept import FRAME
        from notifications.context_processors import unread_of

        # The bell is on every page: a page kept whole is kept per unread count.
        FRAME.append(unread_of)

        from core.stamps import renew_in_database
        from notifications.selectors import NOTIFICATION_PAGES_MODELS, NOTIFICATION_PAGES_STAMP

        renew_in_database(NOTIFICATION_PAGES_STAMP, NOTIFICATION_PAGES_MODELS)
