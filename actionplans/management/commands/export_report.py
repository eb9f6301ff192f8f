"""python manage.py export_report NAME --format csv|xlsx|json -o FILE [--year 2021]

The admin's report exports, for files too large for a web request (or for a nightly job).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actionplans.models import ActionPlan
from actionplans.reports import DEFAULT_REPORT_STATUSES, REPORTS, report_write
from core.exports import EXPORT_FORMATS_BY_NAME


class Command(BaseCommand):
    help = "Write one of the reports (training reach, action plan progress, indicator progress) to a file."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(REPORTS), help="Which report.")
        parser.add_argument("--format", dest="file_format", choices=sorted(EXPORT_FORMATS_BY_NAME), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="File to write (replaced if it exists).")
        parser.add_argument(
            "--year", type=int, help="Only this year: sessions held in it, or plans whose period overlaps it."
        )

        parser.add_argument(
            "--status",
            dest="statuses",
            action="append",
            choices=ActionPlan.Status.values,
            help="Plan status to cover (repeat for several; default: approved and completed).",
        )

    def handle(self, *, name, file_format, output, year, statuses=None, **options):
        if year is not None and not 1900 <= year <= 2999:
            raise CommandError(f"--year {year} is not a plausible year.")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        # Written as the rows come (memory stays flat); a failed export leaves no half-written file behind.
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("wb") as out:
                report_write(
                    name=name, file_format=file_format, out=out, year=year, statuses=statuses or DEFAULT_REPORT_STATUSES
                )
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Wrote {name} ({file_format}, {path.stat().st_size:,} bytes) to {path}.")
