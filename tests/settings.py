"""Test settings: production settings with the few values a test run needs.

DEBUG stays off, as in production; only what cannot work over plain HTTP on localhost is relaxed.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("PLAIN_STATIC_STORAGE", "true")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="gap-test-media-"))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Queued mails are delivered into django.core.mail.outbox, and tasks run in the caller; the tests that start a
# real worker and SMTP server (tests/notifications/) set these for the worker process.
os.environ.setdefault("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("Q_SYNC", "true")

from config.settings import *  # noqa: F403

# The live server for browser tests speaks plain HTTP on localhost.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Whitenoise serves from STATIC_ROOT when DEBUG is off; the live server serves from the finders.
STATIC_ROOT = tempfile.mkdtemp(prefix="gap-test-static-")
# Live-server threads must not keep connections open: PostgreSQL then cannot drop the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# --- notifications: a real worker process must see the test database ---------------------------------------
# SQLite tests use a file (not memory) so that the worker started by tests/notifications/worker.py can open it;
# the worker itself is pointed at the test database by TEST_WORKER_DATABASE_NAME.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.path.join(  # noqa: F405
        tempfile.gettempdir(), f"gap-test-{os.getpid()}.sqlite3"
    )
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20  # noqa: F405
if os.environ.get("TEST_WORKER_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["TEST_WORKER_DATABASE_NAME"]  # noqa: F405
    # The worker under test looks at its queue and its scheduler often, so no test waits long.
    Q_CLUSTER.update({"guard_cycle": 0.1, "poll": 0.1})  # noqa: F405
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
        # So the fixture can tell the worker's sessions apart and wait for them to end before the database goes.
        DATABASES["default"].setdefault("OPTIONS", {})["application_name"] = os.environ.get(  # noqa: F405
            "TEST_WORKER_APPLICATION_NAME", "gap-test-worker"
        )
# Tests sign coordinators in with force_login; the two-factor tests switch the requirement on themselves.
REQUIRE_2FA_FOR_STAFF = False

# --- no test mails anywhere but a server on loopback -------------------------------------------------------
# Whatever the environment says (an operator's EMAIL_HOST exported in the shell) and whatever a test overrides,
# SMTP from a test run reaches only 127.0.0.1: here, and in the worker processes the tests start (they load these
# settings too). tests/notifications/test_loopback_only.py checks both.
import smtplib  # noqa: E402

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
if EMAIL_HOST not in LOOPBACK_HOSTS:  # noqa: F405
    EMAIL_HOST = "127.0.0.1"
_smtp_connect = smtplib.SMTP.connect


def _loopback_only_connect(self, host="localhost", port=0, source_address=None):
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if name not in LOOPBACK_HOSTS:
        raise ConnectionRefusedError(f"Tests mail only to a server on loopback, not to {host!r}.")
    return _smtp_connect(self, host, port, source_address)


smtplib.SMTP.connect = _loopback_only_connect
