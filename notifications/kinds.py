"""Event kinds: each app that notifies registers its kinds here (at import of its events module).

A kind has a message with ``%(name)s`` placeholders filled from the notification's params, rendered in the
reader's language when it is shown or mailed, and a subject line for the mail of a single event.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    code: str
    message: str  # gettext_lazy; placeholders from Notification.params
    subject: str  # gettext_lazy; placeholders from Notification.params
    summary: str  # gettext_lazy with %(count)s: a digest line for several of them under one topic


_KINDS = {}


def register(kind):
    """Make a kind known to the bell, the page and the mails; registering the same code again replaces it."""
    _KINDS[kind.code] = kind
    return kind


def get(code):
    return _KINDS.get(code)


def render(template, params):
    """Fill a message with the params; a missing one shows empty rather than breaking a page or a mail."""
    try:
        return str(template) % _Params(params)
    except (TypeError, ValueError):
        return str(template)


def message(code, params):
    kind = get(code)
    return render(kind.message, params) if kind else _("Something needs your attention.")


class _Params(dict):
    def __missing__(self, key):
        return ""
