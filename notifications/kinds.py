"""Event kinds: each app that notifies registers its kinds here (at import of its events module).

A kind has a message with ``%(name)s`` placeholders filled from the notification's params, rendered in the
reader's language when it is shown or mailed, and a subject line for the mail of a single event.
"""

import datetime
from dataclasses import dataclass

from django.utils import formats
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
    """Fill a message with the params; a missing one shows empty rather than breaking a page or a mail.

    Params that are ISO dates ("2026-12-09") are shown as dates in the reader's language.
    """
    try:
        return str(template) % _Params({name: _as_date(value) for name, value in params.items()})
    except (TypeError, ValueError):
        return str(template)


def message(code, params):
    kind = get(code)
    return render(kind.message, params) if kind else _("Something needs your attention.")


def _as_date(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return value


class _Params(dict):
    def __missing__(self, key):
        return ""
