"""Visits of a page kept whole for its reader (core.kept)."""

from core import stamps

# A page kept whole costs the session, the person, the bell's unread count (in its key) and its stamp.
KEPT_QUERIES = 4


def draw_again(stamp):
    """Have the next visit draw the page again, as after a write to a table it reads (its parts may still come
    from their own caches)."""
    stamps.renew(stamp)
