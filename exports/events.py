"""What the exports tell people: a file ready to download, or an export that could not be made."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

EXPORT_READY = kinds.register(
    kinds.Kind(
        "export_ready",
        message=_("Your export “%(title)s” is ready to download (%(rows)s rows, kept for %(days)s days)."),
        subject=_("Your export is ready: %(title)s"),
        summary=_("%(count)s exports ready"),
    )
)
EXPORT_FAILED = kinds.register(
    kinds.Kind(
        "export_failed",
        message=_("Your export “%(title)s” could not be made. Try again, or ask an administrator."),
        subject=_("Your export could not be made: %(title)s"),
        summary=_("%(count)s exports failed"),
    )
)
