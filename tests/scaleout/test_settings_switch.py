"""Settings alone switch between the embedded default and the scale-out topology (issue 16, item 6).

Each case imports config.settings in a fresh process under the given environment and reads back what it set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from config.release import code_release

ROOT = Path(__file__).resolve().parents[2]

READ_BACK = """
import json
from config import settings as s
from django.conf import settings
settings.configure(**{k: getattr(s, k) for k in dir(s) if k.isupper()})
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "databases": {alias: {"engine": db["ENGINE"], "port": db.get("PORT"), "conn_max_age": db["CONN_MAX_AGE"],
                          "no_server_side_cursors": db.get("DISABLE_SERVER_SIDE_CURSORS", False),
                          "options": db.get("OPTIONS", {}).get("options", ""),
                          "test": db.get("TEST", {})}
                  for alias, db in s.DATABASES.items()},
    "routers": getattr(s, "DATABASE_ROUTERS", []),
    "cache": getattr(s, "CACHES", {}).get("default", {}),
    "session_engine": getattr(s, "SESSION_ENGINE", "django.contrib.sessions.backends.db"),
    "queue": {key: s.Q_CLUSTER.get(key) for key in ("redis", "orm")},
    "storage": type(storage).__module__ + "." + type(storage).__name__,
    "bucket": getattr(storage, "bucket_name", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "overwrite": getattr(storage, "file_overwrite", None),
}))
"""

BASE = {"SECRET_KEY": "tests-only", "ALLOWED_HOSTS": "gap.example.org"}

TOPOLOGY = {
    "DATABASE_URL": "postgres://gap:secret@127.0.0.1:6432/gap",
    "DATABASE_POOLER": "pgbouncer",
    "DATABASE_REPLICA_URL": "postgres://gap:secret@10.0.0.9:5432/gap",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "gap-media",
    "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
}


def settings_under(**env):
    result = subprocess.run(
        [sys.executable, "-c", READ_BACK],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **BASE, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def read(**env):
    result = settings_under(**env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_the_embedded_default_is_one_sqlite_database_the_queue_in_it_and_media_on_disk():
    seen = read()
    assert list(seen["databases"]) == ["default"]
    assert seen["databases"]["default"]["engine"] == "django.db.backends.sqlite3"
    assert seen["databases"]["default"]["conn_max_age"] == 60
    assert seen["databases"]["default"]["no_server_side_cursors"] is False
    assert seen["routers"] == []
    # Per-process memory, room for the pages drawn once per stamp.
    assert seen["cache"] == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
    assert seen["session_engine"] == "core.sessions"
    assert seen["queue"] == {"redis": None, "orm": "default"}
    assert seen["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_the_topology_pooler_replica_redis_and_s3_by_environment_alone():
    seen = read(**TOPOLOGY)
    primary, replica = seen["databases"]["default"], seen["databases"]["replica"]
    assert primary["engine"] == replica["engine"] == "django.db.backends.postgresql"
    assert primary["port"] == 6432
    # PgBouncer in transaction mode: no server-side cursor, no connection kept by Django between requests.
    assert primary["no_server_side_cursors"] is True
    assert primary["conn_max_age"] == 0
    assert replica["no_server_side_cursors"] is True
    assert replica["test"] == {"MIRROR": "default"}
    assert seen["routers"] == ["core.db.ReplicaRouter"]
    assert seen["queue"]["redis"] == "redis://127.0.0.1:6379/0"
    assert seen["queue"]["orm"] is None
    assert seen["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert seen["cache"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert seen["session_engine"] == "django.contrib.sessions.backends.cached_db"
    # The shared cache's keys are per release of the code: a deploy never serves what the old code cached.
    assert seen["cache"]["KEY_PREFIX"] == f"gap-{code_release(ROOT)}"
    assert read(**TOPOLOGY, RELEASE="2026.12.1")["cache"]["KEY_PREFIX"] == "gap-2026.12.1"
    assert seen["storage"] == "storages.backends.s3.S3Storage"
    assert seen["bucket"] == "gap-media"
    assert seen["endpoint"] == "http://127.0.0.1:9000"
    assert seen["overwrite"] is False


def test_postgresql_reached_directly_runs_without_the_jit_compiler_and_pgbouncer_gets_no_startup_option():
    # JIT starts on a query's estimated cost: a 6,000-row report spent 2.5 of its 2.8 s compiling (README).
    direct = read(
        DATABASE_URL="postgres://gap:secret@127.0.0.1:5432/gap",
        DATABASE_REPLICA_URL=TOPOLOGY["DATABASE_URL"],
        DATABASE_REPLICA_POOLER="pgbouncer",
    )
    assert direct["databases"]["default"]["options"] == "-c jit=off"
    # A replica behind PgBouncer: PgBouncer refuses startup options (the server sets jit = off there).
    assert direct["databases"]["replica"]["options"] == ""
    pooled = read(**TOPOLOGY)
    assert pooled["databases"]["default"]["options"] == ""
    assert read()["databases"]["default"]["options"] == ""  # SQLite


def test_an_explicit_conn_max_age_wins_behind_the_pooler():
    seen = read(**TOPOLOGY, CONN_MAX_AGE="30")
    assert seen["databases"]["default"]["conn_max_age"] == 30
    assert seen["databases"]["default"]["no_server_side_cursors"] is True


def test_a_replica_reached_directly_keeps_server_side_cursors():
    seen = read(**TOPOLOGY, DATABASE_REPLICA_POOLER="")
    assert seen["databases"]["default"]["no_server_side_cursors"] is True
    assert seen["databases"]["replica"]["no_server_side_cursors"] is False
    assert seen["databases"]["replica"]["conn_max_age"] == 60


def test_the_cache_may_have_a_redis_of_its_own():
    seen = read(REDIS_URL="redis://127.0.0.1:6379/0", REDIS_CACHE_URL="redis://127.0.0.1:6380/1")
    assert seen["queue"]["redis"] == "redis://127.0.0.1:6379/0"
    assert seen["cache"]["LOCATION"] == "redis://127.0.0.1:6380/1"


def test_an_unknown_pooler_is_refused_with_a_clear_message():
    result = settings_under(DATABASE_POOLER="pgpool")
    assert result.returncode != 0
    assert "DATABASE_POOLER (and DATABASE_REPLICA_POOLER) is 'pgbouncer'" in result.stderr


def test_an_unknown_replica_pooler_is_refused_too():
    result = settings_under(**TOPOLOGY, DATABASE_REPLICA_POOLER="odyssey")
    assert result.returncode != 0
    assert "DATABASE_REPLICA_POOLER" in result.stderr


def test_the_release_digest_follows_code_templates_and_translations_only(tmp_path):
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "views.py").write_text("x = 1")
    (tmp_path / "app" / "templates" / "page.html").write_text("<p>one</p>")
    (tmp_path / ".venv").mkdir()
    first = code_release(tmp_path)
    (tmp_path / "notes.txt").write_text("not code")
    (tmp_path / ".venv" / "lib.py").write_text("a library")
    assert code_release(tmp_path) == first
    (tmp_path / "app" / "templates" / "page.html").write_text("<p>two</p>")
    assert code_release(tmp_path) != first
