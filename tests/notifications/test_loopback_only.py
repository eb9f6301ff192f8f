"""No test sends mail anywhere but a server on loopback, whatever the environment of the run says (an operator's
EMAIL_HOST exported in the shell, a test overriding the settings): tests/settings.py guards SMTP itself, in the
test process and in the worker processes the tests start (they load the same settings)."""

import smtplib
import subprocess
import sys

from django.conf import settings
from django.core.mail import EmailMessage
from django.test import override_settings

from notifications.mail import mail_enqueue, mail_send
from notifications.models import OutgoingMail

from .conftest import BASE


def test_the_suites_smtp_host_is_loopback():
    assert settings.EMAIL_HOST in {"127.0.0.1", "localhost", "::1"}


def test_an_smtp_connection_beyond_loopback_is_refused_before_any_network(db):
    stored = mail_enqueue(message=EmailMessage("Hello", "Body", to=["someone@example.org"]))
    with override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT=25,
        EMAIL_TIMEOUT=2,
    ):
        assert mail_send(stored.pk) == OutgoingMail.Status.PENDING  # tried, refused, waits: nothing crashed
    stored.refresh_from_db()
    assert "loopback" in stored.last_error


def test_smtplib_itself_refuses_other_hosts():
    try:
        smtplib.SMTP("192.0.2.1", 25, timeout=1)  # TEST-NET-1: would hang or fail on the network
    except ConnectionRefusedError as error:
        assert "loopback" in str(error)
    else:
        raise AssertionError("an SMTP connection beyond loopback was opened")


def test_a_worker_process_gets_the_same_guard_and_host_whatever_its_environment():
    """The worker loads tests.settings under the environment the fixture gives it; even a stray EMAIL_HOST is
    brought back to loopback there."""
    script = (
        "import django, smtplib; django.setup(); from django.conf import settings; print(settings.EMAIL_HOST)\n"
        "try:\n    smtplib.SMTP('192.0.2.1', 25, timeout=1)\nexcept ConnectionRefusedError as e:\n    print(e)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "EMAIL_HOST": "smtp.example.org", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    host, refusal = output.strip().splitlines()[-2:]
    assert host == "127.0.0.1" and "loopback" in refusal
