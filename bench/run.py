"""``make bench``: build the dataset on a throwaway PostgreSQL, serve it with gunicorn, measure, write the table.

    python -m bench --scale 10            # or: make bench SCALE=10

Environment: ``BENCH_PG_PORT`` (PostgreSQL, default 25439), ``BENCH_PORT`` (gunicorn, default 8099),
``BENCH_SECONDS`` (length of one measuring round, default 2), ``BENCH_REPEAT`` (rounds, default 3),
``BENCH_CLIENTS`` (concurrent clients, default "1,4"), ``BENCH_EXPORT_ROWS`` (default "20000,200000"; 200,000
only at 100x; a size above the table's rows exports every row once), ``BENCH_EXPORTS`` (which exports, comma-
separated names from bench/exports.py; default all).
Nothing is kept: the database lives in a temporary folder and is removed at the end.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PGBIN = Path(os.environ.get("BENCH_PGBIN", "/usr/lib/postgresql/15/bin"))


STARTED = time.monotonic()


def say(text=""):
    if text.startswith("=="):
        text = f"{text}  [{time.monotonic() - STARTED:.0f} s]"
    print(text, flush=True)


def env_list(name, default):
    return [int(item) for item in os.environ.get(name, default).split(",") if item.strip()]


class Postgres:
    """A PostgreSQL 15 server in a temporary folder, on 127.0.0.1 only; as root it runs as ``postgres``."""

    def __init__(self, port):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="gap-bench-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres")

    def _run(self, *args, **kwargs):
        command = [str(arg) for arg in args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, **kwargs)  # noqa: S603

    def start(self):
        data = self.root / "data"
        self._run(PGBIN / "initdb", "-D", data, "-A", "trust", "-U", "app", "--no-sync", stdout=subprocess.DEVNULL)
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c shared_buffers=256MB"
        self._run(
            PGBIN / "pg_ctl",
            "-D",
            data,
            "-o",
            options,
            "-l",
            self.root / "log",
            "-w",
            "start",
            stdout=subprocess.DEVNULL,
        )
        return f"postgres://app@127.0.0.1:{self.port}/postgres"

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            self._run(PGBIN / "pg_ctl", "-D", self.root / "data", "-m", "fast", "stop", stdout=subprocess.DEVNULL)
        shutil.rmtree(self.root, ignore_errors=True)


def manage(*args):
    subprocess.run([sys.executable, str(BASE / "manage.py"), *args], check=True, cwd=BASE, stdout=subprocess.DEVNULL)  # noqa: S603


class Gunicorn:
    def __init__(self, port, log):
        self.port, self.log = port, log
        self.process = None

    def start(self):
        from bench.load import fetch

        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "600",
                "--log-level",
                "warning",
            ],
            cwd=BASE,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        for _ in range(150):
            try:
                if fetch(port=self.port, path="/healthz").status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{self.port}:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


# --- measuring ---------------------------------------------------------------------------------------------


def queries_of(path, cookie):
    """Status and number of database queries of one request, run in this process with the same session."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.load import accept_for

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT=accept_for(path))
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured)


def measure_pages(pages, cookies, *, port, seconds, repeat, clients):
    from bench.load import fetch, load_median, merge_rounds, page_weight
    from bench.pages import TRIVIAL_PATH

    rows = []
    for role, label, path in [("anyone", "trivial view (baseline)", TRIVIAL_PATH), *pages]:
        cookie = cookies.get(role, "")
        status, queries = queries_of(path, cookie)
        warm = [fetch(port=port, path=path, cookie=cookie, weigh=True) for _ in range(2)]
        row = {
            "role": role,
            "label": label,
            "path": path,
            "queries": queries,
            "status": warm[-1].status,
            "bytes": warm[-1].size,
            "gzipped": warm[-1].gzipped,
            "in_process_status": status,
            "by_clients": {},
        }
        for n in clients:
            row["by_clients"][n] = load_median(
                port=port, path=path, cookie=cookie, clients=n, duration=seconds, repeat=repeat
            )
        figures = "  ".join(
            f"{n}c {m['rps']:7.1f}/s p99 {m['p99'] * 1000:7.0f} ms" for n, m in row["by_clients"].items()
        )
        say(f"  {role:<11} {label:<42} {row['status']} {queries:>3}q {row['bytes'] / 1024:8.1f} KB  {figures}")
        rows.append(row)
    for row in rows:
        if row["role"] == "partner" and row["label"] == "home":
            row["weight"] = page_weight(port=port, path=row["path"], cookie=cookies["partner"])
    # The trivial view once more after the pages: the machine's load drifts during a run (other processes).
    trivial = rows[0]["by_clients"]
    for n in clients:
        again = load_median(port=port, path=TRIVIAL_PATH, cookie="", clients=n, duration=seconds, repeat=repeat)
        trivial[n] = merge_rounds(trivial[n], again)
    say(
        "  trivial view, before and after the pages: " + "  ".join(f"{n}c {m['rps']:.1f}/s" for n, m in trivial.items())
    )
    return rows


def run_export(target, file_format, impl, rows, workdir):
    """One export in a process of its own: its seconds, rows and bytes, and its peak memory (max RSS)."""
    out = workdir / f"{target}-{impl}.{file_format}"
    command = [sys.executable, "-m", "bench.exports", "--measure", "--target", target, "--format", file_format]
    command += ["--impl", impl, "--rows", str(rows), "--out", str(out)]
    done = subprocess.run(command, cwd=BASE, capture_output=True, text=True)  # noqa: S603
    out.unlink(missing_ok=True)
    if done.returncode != 0:
        say(f"    {target} {file_format} {impl} failed:\n{done.stderr[-2000:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_exports(sizes, workdir, targets):
    from django.apps import apps

    from bench.exports import ADMIN_TARGETS, REPORT_TARGETS

    models = {
        "training-reach": "sessions_log.Attendance",
        "action-plan-progress": "actionplans.Action",
        "indicator-progress": "actionplans.Indicator",
        **ADMIN_TARGETS,
    }
    results = []
    for target in [t for t in (*REPORT_TARGETS, *ADMIN_TARGETS) if not targets or t in targets]:
        available = apps.get_model(models[target]).objects.count()
        for index, size in enumerate(sizes):
            if size > available and index > 0:
                continue
            rows = min(size, available)
            # Both measured warm: the rows read once first (a CSV floor, not measured), so that the export, measured
            # first, does not pay for reading them from disk into the caches while the floor after it reads them
            # from memory (that alone made the 20,000-row CSVs look 1.6-3x their floors).
            run_export(target, "csv", "floor", rows, workdir)
            for file_format in ("csv", "xlsx"):
                real = run_export(target, file_format, "export", rows, workdir)
                floor = run_export(target, file_format, "floor", rows, workdir)
                result = {"target": target, "format": file_format, "rows": rows, "export": real, "floor": floor}
                results.append(result)
                say(
                    f"  {target:<21} {file_format:<4} {rows:>8,} rows {_export_cell(real)}  floor {_export_cell(floor)}"
                )
            if size > available:
                break
    return results


# --- the table -----------------------------------------------------------------------------------------------


def _export_cell(figures):
    return "failed" if not figures else f"{figures['seconds']:.2f} s, {figures['peak_mb']:.0f} MB"


def _ratio(rps, trivial):
    if not rps or not trivial:
        return "-"
    if rps >= trivial:
        return f"{rps / trivial:.2f}"
    return f"1/{trivial / rps:.0f}" if trivial / rps >= 10 else f"1/{trivial / rps:.1f}"


def table(*, scale, counts, build_seconds, page_rows, export_rows, skipped, settings_line):
    clients = list(page_rows[0]["by_clients"]) if page_rows else []
    trivial = page_rows[0]["by_clients"] if page_rows else {}
    lines = [
        f"# Benchmark at {scale}x — {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Dataset ({build_seconds:.0f} s to build): " + ", ".join(f"{n:,} {name}" for name, n in counts.items()) + ".",
        "",
        settings_line,
        "",
        "## Pages",
        "",
        "| role | page | status | queries | HTML | gzipped | "
        + " | ".join(f"req/s ({n}) | vs trivial ({n}) | p99 ({n})" for n in clients)
        + " |",
        "|---|---|---|---:|---:|---:|" + "---:|---:|---:|" * len(clients),
    ]
    for row in page_rows:
        cells = []
        for n in clients:
            m = row["by_clients"][n]
            cells += [f"{m['rps']:.1f}", _ratio(m["rps"], trivial[n]["rps"]), f"{m['p99'] * 1000:.0f} ms"]
        seen = set().union(*(set(m["statuses"]) for m in row["by_clients"].values()))
        status = ",".join(str(code) for code in sorted(seen))
        lines.append(
            f"| {row['role']} | {row['label']} `{row['path']}` | {status} | {row['queries']} | "
            f"{row['bytes'] / 1024:.1f} KB | {row['gzipped'] / 1024:.1f} KB | " + " | ".join(cells) + " |"
        )
    for row in page_rows:
        if "weight" in row:
            weight = row["weight"]
            lines += [
                "",
                f"Over the wire, {row['role']} {row['label']} `{row['path']}`: "
                f"first view {weight['first'] / 1024:.1f} KB (the HTML and {weight['assets']} static files), "
                f"repeat view {weight['repeat'] / 1024:.1f} KB (the HTML; static files are cached); the HTML is "
                f"served with compression: {weight['encoding']} (gzipped it is {weight['gzipped'] / 1024:.1f} KB).",
            ]
    lines += [
        "",
        "## Exports (time of the export itself; peak = the process's max RSS, Django included)",
        "",
        "| export | format | rows | time | peak | floor time | floor peak | x floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in export_rows:
        real, floor = row["export"], row["floor"]
        times = f"{real['seconds'] / floor['seconds']:.1f}" if real and floor and floor["seconds"] else "-"
        lines.append(
            f"| {row['target']} | {row['format']} | {row['rows']:,} | "
            + (f"{real['seconds']:.2f} s | {real['peak_mb']:.0f} MB" if real else "failed | -")
            + " | "
            + (f"{floor['seconds']:.2f} s | {floor['peak_mb']:.0f} MB" if floor else "failed | -")
            + f" | {times} |"
        )
    if skipped:
        lines += ["", "## Not measured", "", *[f"- {line}" for line in skipped]]
    return "\n".join(lines) + "\n"


# --- main ------------------------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build, serve and measure the app at 1x, 10x or 100x the demo.")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "10")))
    parser.add_argument("--no-exports", action="store_true", help="Measure the pages only.")
    args = parser.parse_args(argv)
    scale = int(args.scale) if args.scale == int(args.scale) else args.scale
    pg_port = int(os.environ.get("BENCH_PG_PORT", "25439"))
    port = int(os.environ.get("BENCH_PORT", "8099"))
    seconds = float(os.environ.get("BENCH_SECONDS", "2"))
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    clients = env_list("BENCH_CLIENTS", "1,4")
    sizes = env_list("BENCH_EXPORT_ROWS", "20000,200000")
    export_targets = [item.strip() for item in os.environ.get("BENCH_EXPORTS", "").split(",") if item.strip()]
    if scale < 100:
        sizes = [size for size in sizes if size <= 20_000] or sizes[:1]  # 200,000 rows only at 100x

    # Stopped with Ctrl-C or kill: the finally below still stops gunicorn and PostgreSQL and removes the folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    postgres = Postgres(pg_port)
    gunicorn = Gunicorn(port, postgres.root / "gunicorn.log")
    skipped = []
    started = time.monotonic()
    load_at_start = os.getloadavg()[0]
    try:
        say(f"== PostgreSQL 15 on 127.0.0.1:{pg_port} ({postgres.root})")
        os.environ.update(
            DATABASE_URL=postgres.start(),
            DJANGO_SETTINGS_MODULE="config.settings",
            SECRET_KEY="bench-" + secrets.token_urlsafe(48),
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1,testserver",
            SECURE_SSL_REDIRECT="false",
            LOG_LEVEL="ERROR",  # WeasyPrint warns about every CSS rule it skips
            MEDIA_ROOT=str(postgres.root / "media"),
        )
        os.environ.pop("PLAIN_STATIC_STORAGE", None)
        say("== migrate, collectstatic")
        manage("migrate", "--noinput")
        manage("collectstatic", "--noinput")

        import django

        django.setup()
        from django.db import connection

        from bench.dataset import dataset_build
        from bench.pages import pages_for, session_cookie

        say(f"== dataset at {scale}x")
        build_started = time.monotonic()
        built = dataset_build(scale=scale, log=say)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")  # the visibility map for index-only scans; dataset_build gathered the statistics
        build_seconds = time.monotonic() - build_started
        say(f"   built in {build_seconds:.0f} s")

        def note(line):
            skipped.append(line)
            say(line)

        pages = [(p.role, p.label, p.path) for p in pages_for(built, say=note)]
        cookies = {
            role: session_cookie(user)
            for role, user in (("coordinator", built.coordinator), ("partner", built.partner), ("staff", built.admin))
        }
        connection.close()  # the pages' queries below open their own

        say(f"== gunicorn (2 workers) on 127.0.0.1:{port}; {repeat} rounds of {seconds:g} s at {clients} clients")
        gunicorn.start()
        page_rows = measure_pages(pages, cookies, port=port, seconds=seconds, repeat=repeat, clients=clients)
        gunicorn.stop()

        export_rows = []
        if not args.no_exports:
            say(f"== exports at {', '.join(f'{s:,}' for s in sizes)} rows (each in its own process)")
            export_rows = measure_exports(sizes, postgres.root, export_targets)

        settings_line = (
            f"PostgreSQL 15 (fsync off), gunicorn 2 sync workers, DEBUG off, whitenoise; {repeat} rounds of "
            f"{seconds:g} s per figure, median (the trivial view: {repeat} rounds before the pages and {repeat} "
            f"after); p99 = nearest rank; {os.cpu_count()} CPUs ({platform.machine()}), "
            f"Python {platform.python_version()}; load generator: threads in the same machine. Load average "
            f"(1 min) at the start {load_at_start:.1f}, at the end {os.getloadavg()[0]:.1f}."
        )
        text = table(
            scale=scale,
            counts=built.counts,
            build_seconds=build_seconds,
            page_rows=page_rows,
            export_rows=export_rows,
            skipped=skipped,
            settings_line=settings_line,
        )
        out = BASE / "bench" / f"results-{scale}x-{datetime.datetime.now(datetime.UTC):%Y-%m-%d}.md"
        out.write_text(text, encoding="utf-8")
        say()
        say(text)
        say(f"Written to {out.relative_to(BASE)} in {time.monotonic() - started:.0f} s.")
    finally:
        gunicorn.stop()
        postgres.stop()
    return verdict(page_rows, export_rows)


def verdict(page_rows, export_rows):
    """Exit status: 1 when the benchmark measured errors (5xx or no answer, a failed export), so CI's smoke run sees a
    broken harness; a page that answers something else than 200 (a redirect, 404) is only pointed out."""
    broken = []
    for row in page_rows:
        statuses = set().union(*(set(m["statuses"]) for m in row["by_clients"].values())) | {row["status"]}
        if any(code >= 500 or code == 0 for code in statuses):
            broken.append(f"{row['label']} {row['path']} answered {sorted(statuses)}")
        elif statuses != {200}:
            say(f"note: {row['label']} {row['path']} answered {sorted(statuses)}: not the page's own figures")
    broken += [f"export {r['target']} {r['format']} failed" for r in export_rows if not (r["export"] and r["floor"])]
    for line in broken:
        say(f"ERROR: {line}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
