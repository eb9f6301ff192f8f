import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.data import PARTNERS, USERS, demo_load, demo_notify


class Command(BaseCommand):
    help = (
        "Load the demo data: the November 2021 online training on gender mainstreaming in organizations, its 12 "
        "partner organizations and their gender action plans, and the demo users admin, coordinator, partner and "
        "partner2 (password from DEMO_PASSWORD, default 'demo'). Creates what is missing and changes nothing that "
        "is there, so it can be run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo users have a known password: never on a live database.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a known password, so it does not run with DEBUG off. "
                "Run it with DEBUG=true, or add --force if this database really is for a demo."
            )
        password = os.environ.get("DEMO_PASSWORD") or "demo"
        with transaction.atomic():
            created, rows = demo_load(password=password)
            demo_notify()

        if created:
            counts = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {counts}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already there: nothing to create."))

        organizations = rows["organizations"]
        names = {spec["key"]: organizations[spec["key"]].name for spec in PARTNERS}
        roles = {
            "admin": "superuser: the back office at /admin/",
            "coordinator": "programme coordinator: trainings, organizations, all plans",
        }
        for spec in USERS:
            if spec.get("editor_of"):
                roles[spec["username"]] = f"editor of {names[spec['editor_of']]}"
        shown = "demo" if "DEMO_PASSWORD" not in os.environ else "the value of DEMO_PASSWORD"
        self.stdout.write(f"Sign in at /accounts/login/ with the password {shown}:")
        for username, role in roles.items():
            self.stdout.write(f"  {username:<12} {role}")
        if not settings.DEBUG:
            self.stderr.write(self.style.WARNING("DEBUG is off: change these passwords if anyone else can reach it."))
