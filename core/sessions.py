"""Django's database sessions, read with a prepared query (core.prepared): every signed-in request reads one.

``SESSION_ENGINE = "core.sessions"`` (settings). Same table, same rows, same rules as
``django.contrib.sessions.backends.db``: a session is found by its key while it has not expired; only the read is
built once per process instead of on every request. Writes (sign-in, changes, sign-out) are Django's own.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.prepared import MOMENT, Prepared

_SESSION = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).values_list("session_data"),
    "prepared-session-key",
    MOMENT,
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        found = _SESSION.rows(self.session_key, timezone.now()) if self.session_key else []
        if not found:
            self._session_key = None
            return None
        return Session(session_key=self.session_key, session_data=found[0][0])
