"""One export, run in its own process so that its peak memory can be read: ``python -m bench.exports ...``.

The parent (``bench.run``) starts ``python -m bench.exports --measure ...`` once per export, format and
implementation: that small launcher (no Django) runs the export in its own child and reads the child's maximum
resident set size with ``resource.getrusage(RUSAGE_CHILDREN)``. (Linux keeps a process's peak across ``exec``,
so a child forked straight from the benchmark, which holds the dataset's Python objects, would report the
benchmark's own peak; forked from the small launcher it reports its own.) The export prints the seconds the
export itself took (Django's start-up excluded) and the rows and bytes.

Implementations:
- ``export``: the code people run — a report through ``actionplans.reports`` (as ``export_report`` does), or
  the admin's export of a change list as the task worker makes it (``core.exports.export_write``);
- ``floor``: the same rows and columns with ``values_list(...).iterator()`` into ``csv.writer`` or an openpyxl
  write-only workbook — what any export of these rows costs at least. The columns are the resource's model and
  related fields and the values it computes in SQL (the annotations of its ``filter_export``).
"""

import argparse
import csv
import json
import time

REPORT_TARGETS = ("training-reach", "action-plan-progress", "indicator-progress")
ADMIN_TARGETS = {
    "admin-measurements": "actionplans.Measurement",
    "admin-actions": "actionplans.Action",
    "admin-indicators": "actionplans.Indicator",
    "admin-attendance": "sessions_log.Attendance",
    "admin-organizations": "organizations.Organization",
}
TARGETS = (*REPORT_TARGETS, *ADMIN_TARGETS)


def _first_rows(queryset, rows):
    """``queryset`` limited to the ``rows`` lowest primary keys (order kept; no slice, so it can still filter)."""
    pks = queryset.model.objects.order_by("pk").values_list("pk", flat=True)
    cutoff = pks[rows - 1 : rows].first() if rows else None
    return queryset if cutoff is None else queryset.filter(pk__lte=cutoff)


def _resource_and_queryset(target, rows):
    from django.apps import apps
    from django.contrib import admin

    if target in REPORT_TARGETS:
        from actionplans.reports import REPORTS

        resource_class = REPORTS[target]
        return resource_class, _first_rows(resource_class.report_queryset(), rows)
    model = apps.get_model(ADMIN_TARGETS[target])
    model_admin = admin.site._registry[model]
    return model_admin.resource_classes[0], _first_rows(model.objects.all(), rows)


def export_real(target, file_format, rows, out):
    """The export people run; returns the number of data rows written.

    A report as ``export_report`` and the background job write it (``actionplans.reports``, streamed into the
    file); an admin export as the task worker makes it for a change list above ``EXPORT_BACKGROUND_ROWS``
    (``core.exports.admin_export_write``: the change list's queryset, the admin's resource, streamed).
    """
    from core.exports import export_write

    resource_class, queryset = _resource_and_queryset(target, rows)
    if target in REPORT_TARGETS:
        with open(out, "wb") as handle:
            return export_write(resource=resource_class(), queryset=queryset, file_format=file_format, out=handle)

    from django.contrib import admin
    from django.http import HttpRequest

    from organizations.models import User

    model_admin = admin.site._registry[queryset.model]
    request = HttpRequest()
    request.user = User.objects.get(username="bench-admin")
    queryset = _first_rows(model_admin.get_export_queryset(request), rows)
    resource = model_admin.get_export_resource_classes(request)[0](**model_admin.get_export_resource_kwargs(request))
    with open(out, "wb") as handle:
        return export_write(resource=resource, queryset=queryset, file_format=file_format, out=handle)


def export_floor(target, file_format, rows, out):
    """The same rows and columns, plainly: values_list().iterator() into csv.writer / openpyxl write-only."""
    resource_class, queryset = _resource_and_queryset(target, rows)
    resource = resource_class()
    columns = [field.attribute for field in resource.get_export_fields() if field.attribute]
    # The values a report computes in SQL (its annotations: accepted value, waiting status, ...) are its data too.
    annotated = resource.filter_export(queryset).select_related(None)
    columns += [name for name in annotated.query.annotations if name not in columns]
    values = annotated.values_list(*columns).iterator(chunk_size=2000)
    count = 0
    if file_format == "csv":
        with open(out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in values:
                writer.writerow(row)
                count += 1
        return count
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Export")
    sheet.append(columns)
    for row in values:
        sheet.append(row)
        count += 1
    workbook.save(out)
    return count


def measure(argv):
    """Run the export given by ``argv`` in a child; print its figures with its peak memory in MB."""
    import resource
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "bench.exports", *argv], capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        return done.returncode
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kilobytes on Linux
    print(json.dumps(figures))
    return 0


def main(argv=None):
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:
        return measure(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", choices=TARGETS, required=True)
    parser.add_argument("--format", dest="file_format", choices=("csv", "xlsx"), required=True)
    parser.add_argument("--impl", choices=("export", "floor"), required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    import django

    django.setup()
    run = export_real if args.impl == "export" else export_floor
    started = time.perf_counter()
    count = run(args.target, args.file_format, args.rows, args.out)
    seconds = time.perf_counter() - started
    import os

    print(json.dumps({"seconds": seconds, "rows": count, "bytes": os.path.getsize(args.out)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
