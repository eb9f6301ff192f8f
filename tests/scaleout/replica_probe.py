"""Run in a process of its own by test_replica_router.py: the app with a primary and a replica (two SQLite files).

The replica is a copy of the primary taken after migrating (replication stands still), then each gets a row the
other lacks, so every read shows which database answered. Prints one JSON object of what it saw.
"""

import json
import os
import shutil
import sys

import django

django.setup()

from django.contrib import admin  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

setup_test_environment()
primary, replica = sys.argv[1], sys.argv[2]
call_command("migrate", verbosity=0)
connections.close_all()
shutil.copyfile(primary, replica)

from django.contrib.auth.models import Group, Permission  # noqa: E402

from actionplans.reports import report_queryset  # noqa: E402
from core.roles import coordinators_group_sync  # noqa: E402
from organizations.models import Organization, User  # noqa: E402
from tests.backoffice.helpers import admin_export, read_csv  # noqa: E402
from tests.conftest import make_user  # noqa: E402

Organization.objects.using("replica").create(name="Only on the replica", kind="other")
Organization.objects.create(name="Only on the primary", kind="other")

admin_user = User.objects.create_superuser("probe-admin", "admin@example.org", "x")
coordinator = make_user("probe-coordinator")
coordinator.groups.add(coordinators_group_sync(group_model=Group, permission_model=Permission))
seen = {}


def queries(path, user):
    """The queries each database ran for one page, and the page."""
    client = Client()
    client.force_login(user)
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        response = client.get(path)
    return response, len(on_primary), len(on_replica)


response, seen["dashboard_primary"], seen["dashboard_replica"] = queries("/", coordinator)
seen["dashboard_status"] = response.status_code
response, seen["organizations_primary"], seen["organizations_replica"] = queries("/organizations/", coordinator)
seen["organizations_page"] = [name for name in ("Only on the primary", "Only on the replica") if name in response.text]

client = Client()
client.force_login(admin_user)
rows = read_csv(admin_export(client, Organization).content)
seen["export_rows"] = sorted(row["Name"] for row in rows)
seen["report_db"] = report_queryset(name="action-plan-progress").db
seen["write_db"] = Organization.objects.create(name="Written after", kind="other")._state.db
seen["written_on_replica"] = Organization.objects.using("replica").filter(name="Written after").exists()
seen["admin_registered"] = Organization in admin.site._registry
print(json.dumps(seen), flush=True)
os._exit(0)
