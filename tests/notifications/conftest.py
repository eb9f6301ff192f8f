"""Real parts for the mail tests: an SMTP server on loopback (aiosmtpd) and the task queue's worker process.

The worker is `manage.py qcluster` started against the test database (the tests that use it need
``transactional_db``: it sees only committed rows). It delivers by SMTP to the server below, never elsewhere.
"""

import contextlib
import ctypes
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


WORKER_APPLICATION_NAME = "gap-test-worker"


def _die_with_this_process():
    """In the worker, before exec: get SIGTERM when the test process dies (Linux), however it dies.

    A test run killed by a timeout or a second Ctrl-C never reaches the fixture's teardown; without this its
    worker would go on polling the test database, and the next run could not drop it ("is being accessed by
    other users"). SIGTERM is the cluster's own graceful stop.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PR_SET_PDEATHSIG = 1


def _stop(process):
    """Stop the cluster as an operator would: SIGTERM to its main process, which stops the sentinel, pusher,
    workers and monitor in order and lets each close its database connection; SIGKILL only if it hangs.

    (SIGTERM to the whole group instead kills the sentinel outright and leaves the main process waiting for it.)
    """
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # anything left of the group after a hang
    process.wait()


def worker_connections():
    """The worker's sessions on the test database (PostgreSQL; it connects under its own application_name)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = %s",
            [WORKER_APPLICATION_NAME],
        )
        return cursor.fetchone()[0]


def _wait_for_worker_connections_to_close():
    """A stopped worker's server sessions end a moment after it exits: wait for that before the flush or drop."""
    deadline = time.monotonic() + 10
    while worker_connections() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker_connections() == 0, "the stopped worker left sessions on the test database"


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
        "TEST_WORKER_APPLICATION_NAME": WORKER_APPLICATION_NAME,
    }
    log = (tmp_path / "qcluster.log").open("w")
    # Its own process group: Ctrl-C in the terminal reaches only pytest, whose teardown stops the cluster; what a
    # hung cluster leaves is killed as a group.
    process = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=BASE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_this_process,
    )
    yield process
    _stop(process)
    log.close()
    _wait_for_worker_connections_to_close()
    if os.environ.get("SHOW_WORKER_LOG"):
        print((tmp_path / "qcluster.log").read_text())
