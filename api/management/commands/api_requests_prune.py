import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.services import api_requests_prune


class Command(BaseCommand):
    help = "Delete the API request log older than --days (default 365); run it from cron to keep the table small."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365)

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = api_requests_prune(before=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(f"{deleted} API requests older than {days} days deleted.")
