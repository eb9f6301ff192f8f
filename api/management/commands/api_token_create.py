import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.services import token_create


class Command(BaseCommand):
    help = "Make a personal access token for a user and print it (once): for scripts, CI and first set-ups."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=90, help="days until it expires (1 to 365)")
        parser.add_argument("--read-only", action="store_true")

    def handle(self, *args, username, name, days, read_only, **options):
        if not 1 <= days <= 365:
            raise CommandError("--days must be between 1 and 365.")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        expires_at = timezone.now() + datetime.timedelta(days=days)
        _token, raw = token_create(user=user, name=name, expires_at=expires_at, read_only=read_only)
        self.stdout.write(raw)
