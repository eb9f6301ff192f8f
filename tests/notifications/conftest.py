"""Real parts for the mail tests: an SMTP server on loopback (aiosmtpd) and the task queue's worker process.

The worker is `manage.py qcluster` started against the test database (the tests that use it need
``transactional_db``: it sees only committed rows). It delivers by SMTP to the server below, never elsewhere.
"""

import contextlib
import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

BASE = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collector:
    """An aiosmtpd handler that keeps every received message, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be stopped and started again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.handler = Collector()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def to(self, address):
        return [message for rcpt, message in self.messages if address in rcpt]


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def _stop_group(process):
    """SIGTERM the cluster (it stops its children gracefully), SIGKILL whatever is left after a while."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _wait_for_other_connections_to_close():
    """On PostgreSQL, let the worker's connections go before the test database is flushed or dropped."""
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


def wait_for(condition, *, timeout=60, what="the worker"):
    """Poll until ``condition()`` is true (a worker and an SMTP server work at their own pace)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} did not get there within {timeout} s")


@pytest.fixture
def worker(transactional_db, smtp_server, monkeypatch, tmp_path):
    """`manage.py qcluster` on the test database, sending by SMTP to ``smtp_server``; the test enqueues for it."""
    from django_q.conf import Conf

    # This process enqueues into the database broker instead of running tasks itself.
    monkeypatch.setattr(Conf, "SYNC", False)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "TEST_WORKER_DATABASE_NAME": connection.settings_dict["NAME"],
        "Q_SYNC": "false",
        "Q_WORKERS": "1",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "5",
        "MAIL_RETRY_SECONDS": "1",
    }
    log = (tmp_path / "qcluster.log").open("w")
    # Its own process group: the cluster's worker, pusher and monitor processes are stopped with it.
    process = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=BASE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield process
    _stop_group(process)
    log.close()
    _wait_for_other_connections_to_close()
    if os.environ.get("SHOW_WORKER_LOG"):
        print((tmp_path / "qcluster.log").read_text())
