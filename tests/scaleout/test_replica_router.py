"""The read replica (issue 16, item 6): the dashboard's figures and the exports read it, the rest reads the primary.

Run in a process of its own (replica_probe.py) with settings alone: DATABASE_URL and DATABASE_REPLICA_URL naming
two SQLite files whose rows differ, so each read shows which database answered.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    folder = tmp_path_factory.mktemp("replica")
    primary, replica = folder / "primary.sqlite3", folder / "replica.sqlite3"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "tests-only",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "REQUIRE_2FA_FOR_STAFF": "false",
        "PLAIN_STATIC_STORAGE": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "Q_SYNC": "true",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(folder / "media"),
        "DATABASE_URL": f"sqlite:///{primary}",
        "DATABASE_REPLICA_URL": f"sqlite:///{replica}",
    }
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "tests.scaleout.replica_probe", str(primary), str(replica)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_dashboard_figures_are_read_from_the_replica(seen):
    assert seen["dashboard_status"] == 200
    assert seen["dashboard_replica"] > 0
    # The session, the person and the lists of what needs doing still come from the primary.
    assert seen["dashboard_primary"] > 0


def test_other_pages_read_only_the_primary(seen):
    assert seen["organizations_replica"] == 0
    assert seen["organizations_page"] == ["Only on the primary"]


def test_admin_exports_and_reports_read_the_replica(seen):
    assert seen["export_rows"] == ["Only on the replica"]
    assert seen["report_db"] == "replica"


def test_writes_go_to_the_primary_only(seen):
    assert seen["write_db"] == "default"
    assert seen["written_on_replica"] is False
