"""The README's restore command works into an empty database (issue 17, item 9).

``pg_restore --clean`` drops every object before creating it; into an empty database each DROP fails and
pg_restore exits 1 unless ``--if-exists`` is given. The second test runs the README's own backup and restore
commands against a throwaway PostgreSQL 15 server (Debian's binaries, started by the test, as .ci/run has them).
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
ROWS = "SELECT name, kind FROM organization ORDER BY id"


def _commands(program):
    return re.findall(rf"`({program} [^`]+)`", README.read_text())


def test_the_readmes_pg_restore_drops_only_what_exists():
    commands = _commands("pg_restore")
    assert commands, "the README shows how to restore a backup"
    for command in commands:
        if "--clean" in command:
            assert "--if-exists" in command, command


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def postgres():
    """A throwaway PostgreSQL 15 on loopback (TESTING.md's recipe); its URL without a database name."""
    if not (PG_BIN / "initdb").exists() or not shutil.which("pg_restore"):
        if os.environ.get("CI"):
            pytest.fail("CI must run the README's restore: .ci/run installs postgresql-15")
        pytest.skip("PostgreSQL 15 is not installed here; `apt-get install postgresql-15` to run this test (CI does)")
    root = Path(tempfile.mkdtemp(prefix="gap-restore-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # it refuses to run as root
    if as_postgres:
        shutil.chown(root, "postgres")
    port = _free_port()
    data = root / "data"
    subprocess.run(
        [*as_postgres, PG_BIN / "initdb", "-D", data, "-A", "trust", "-U", "app", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off"
    ctl = [*as_postgres, PG_BIN / "pg_ctl", "-D", data]
    subprocess.run([*ctl, "-o", options, "-l", root / "log", "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgres://app@127.0.0.1:{port}"
    finally:
        subprocess.run([*ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _psql(url, sql):
    result = subprocess.run(["psql", "-X", "-q", "-A", "-t", url, "-c", sql], check=True, capture_output=True)
    return result.stdout.decode()


def _shell(command, *, url, cwd):
    """Run a README command line as an operator would, with DATABASE_URL set."""
    return subprocess.run(
        ["bash", "-c", command], env={**os.environ, "DATABASE_URL": url}, cwd=cwd, capture_output=True, text=True
    )


def test_the_readmes_backup_restores_into_an_empty_database(postgres, tmp_path):
    _psql(f"{postgres}/postgres", "CREATE DATABASE gap")
    _psql(
        f"{postgres}/gap",
        "CREATE TABLE organization (id serial PRIMARY KEY, name text UNIQUE, kind text);"
        "CREATE INDEX organization_kind ON organization (kind);"
        "CREATE VIEW state_bodies AS SELECT * FROM organization WHERE kind = 'state';"
        "INSERT INTO organization (name, kind) VALUES ('Мэрия города Нарын', 'state'), ('Аруу-Жер', 'local_cso');",
    )
    (dump,) = _commands("pg_dump")
    assert _shell(dump, url=f"{postgres}/gap", cwd=tmp_path).returncode == 0
    (backup,) = tmp_path.glob("gap-*.dump")

    (restore,) = _commands("pg_restore")
    for name in ("restored", "without_if_exists"):
        _psql(f"{postgres}/postgres", f"CREATE DATABASE {name}")
    restored = _shell(restore.replace("gap-DATE.dump", backup.name), url=f"{postgres}/restored", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert _psql(f"{postgres}/restored", ROWS) == _psql(f"{postgres}/gap", ROWS)
    assert _psql(f"{postgres}/restored", "SELECT count(*) FROM state_bodies").strip() == "1"

    # What the README said before: --clean alone into an empty database exits 1 (each DROP fails).
    plain = restore.replace("gap-DATE.dump", backup.name).replace(" --if-exists", "")
    assert _shell(plain, url=f"{postgres}/without_if_exists", cwd=tmp_path).returncode == 1
