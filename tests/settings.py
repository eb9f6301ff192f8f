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

from config.settings import *  # noqa: F403

# The live server for browser tests speaks plain HTTP on localhost.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Whitenoise serves from STATIC_ROOT when DEBUG is off; the live server serves from the finders.
STATIC_ROOT = tempfile.mkdtemp(prefix="gap-test-static-")
# Live-server threads must not keep connections open: PostgreSQL then cannot drop the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests sign coordinators in with force_login; the two-factor tests switch the requirement on themselves.
REQUIRE_2FA_FOR_STAFF = False
