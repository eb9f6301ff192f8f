"""Whole pages kept in the cache for each reader, under a stamp the database renews itself (core.stamps).

A page seen again by the same person, with nothing written since to a table the page reads, is served from the
cache for the cost of the session, the person and the stamp: nothing of the page is read or drawn. The stamp is
renewed by triggers on those tables when a transaction that wrote there commits, whatever made the write (a page,
the admin, an import, ``update()``, raw SQL). What a page shows of its reader is in the key (``reader_key``):
who they are, their permissions, what the page frame shows of them (the apps that draw it say what: ``FRAME``),
the address, the language, the time zone and the day. Each reader's own CSRF token is written into the kept page
as it is served (``served``). Not kept: a page with messages waiting (they are shown once), a page whose view
wrote to the session or added a message while drawing it, any answer but a 200 page, and anything on a database
without the triggers.
"""

import hashlib
import re
import uuid
import zlib
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import get_language

from core import stamps

KEPT_SECONDS = 600

# A kept page holds its forms' CSRF field empty; each reader's own token is written in when it is served.
_CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
_CSRF_FIELD_SERVED = b'name="csrfmiddlewaretoken" value="%s"'
_CSRF_FIELD_KEPT = _CSRF_FIELD_SERVED % b""

# A form that records a new row once carries a one-time token (a double click saves once): a kept page holds it
# empty and each serving writes a fresh one, as drawing the page would.
_ONE_TIME_FIELD = re.compile(rb'name="form_token" value="[^"]*"')
_ONE_TIME_KEPT = b'name="form_token" value=""'

# What the page frame shows of its reader beyond who they are, one function of the request each, registered by the
# apps that draw it (the bell's unread count): their values go into every kept page's key.
FRAME = []


def permissions_digest(user):
    """What permission checks read of ``user``, as a short key."""
    if user.is_superuser:
        return "superuser"
    return hashlib.blake2b("\n".join(sorted(user.get_all_permissions())).encode(), digest_size=12).hexdigest()


def reader_key(request, *parts, frame=True):
    """What a page is drawn from besides the data, for the active person who reads it, with ``parts`` (a stamp's
    token, the page's own name) as a digest: the address, the language, time zone and day, who they are and what
    the header shows of them (``frame=False`` for pages drawn without the site's frame: the back office)."""
    user = request.user
    shown = (user.pk, user.get_username(), user.get_full_name(), user.get_short_name(), user.has_usable_password())
    drawn_from = (
        request.get_host(),
        request.get_full_path(),
        get_script_prefix(),
        get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        shown,
        user.is_staff,
        permissions_digest(user),
        *(part(request) for part in (FRAME if frame else ())),
        *parts,
    )
    return hashlib.blake2b(repr(drawn_from).encode(), digest_size=16).hexdigest()


def messages_waiting(request):
    return bool(len(messages.get_messages(request)))


def served(request, kept):
    """A kept page with this reader's CSRF token written into its forms, and fresh one-time tokens."""
    html = zlib.decompress(kept).replace(_CSRF_FIELD_KEPT, _CSRF_FIELD_SERVED % get_token(request).encode())
    if _ONE_TIME_KEPT in html:
        parts = html.split(_ONE_TIME_KEPT)
        fresh = [b'name="form_token" value="%s"' % str(uuid.uuid4()).encode() for _ in parts[1:]]
        html = b"".join(part for pair in zip(parts, [*fresh, b""], strict=True) for part in pair)
    return HttpResponse(html)


def keep(key, content, seconds=KEPT_SECONDS):
    """Keep a drawn page's HTML under ``key``, its CSRF fields and one-time tokens emptied, compressed (a 60 KB page
    is ~8 KB in the cache)."""
    content = _ONE_TIME_FIELD.sub(_ONE_TIME_KEPT, _CSRF_FIELD.sub(_CSRF_FIELD_KEPT, content))
    cache.set(key, zlib.compress(content, 1), seconds)


def kept_page(stamp, *, unless=None, seconds=None):
    """Keep a view's GET pages whole for each reader under ``stamp``, which the database renews on every write to
    the tables the pages read (``stamps.renew_in_database``, declared where the app is ready).

    ``unless(request)`` says when a page must be drawn (one-off state in the session); ``seconds(request, *args,
    **kwargs)`` how long a drawn page may be kept at most (what it shows expires at a known moment; 0: not kept).
    Put it below the view's access check (``login_required``): a kept page is served without the view's own
    checks, to the reader it was drawn for, while nothing it read has changed."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                request.method != "GET"
                or not request.user.is_authenticated
                or not stamps.renewed_by_database(stamp)
                or (unless is not None and unless(request))
                or messages_waiting(request)
            ):
                return view(request, *args, **kwargs)
            key = "kept-page:" + reader_key(request, view.__module__, view.__qualname__, str(stamps.token(stamp)))
            kept = cache.get(key)
            if kept is not None:
                return served(request, kept)
            response = view(request, *args, **kwargs)
            if (
                type(response) is HttpResponse
                and response.status_code == 200
                and not response.cookies
                and not request.session.modified
                and not getattr(messages.get_messages(request), "added_new", False)
            ):
                keep_for = KEPT_SECONDS if seconds is None else min(KEPT_SECONDS, seconds(request, *args, **kwargs))
                if keep_for > 0:
                    keep(key, response.content, keep_for)
            return response

        wrapper.kept_under = stamp
        return wrapper

    return decorator
