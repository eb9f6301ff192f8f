"""Exports made in the background: the files the task worker writes from the admin's exports and the back office's
reports when they are too large for a request, the "My exports" page, the download (only for the person who asked)
and the daily cleanup after EXPORT_KEEP_DAYS days. It sits above actionplans because it runs their reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exports"
    verbose_name = _("Exports")

    def ready(self):
        from core.exports import background_exports_register
        from exports import events  # noqa: F401 (registers the notification kinds)
        from exports.services import export_queue_from_request

        # The admin's exports and the Reports page live below this app: they hand large exports over here.
        background_exports_register(export_queue_from_request)
