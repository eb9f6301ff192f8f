"""Tests run in any order on an xdist worker: after a test that commits (and flushes every table on its way out),
tests/conftest.py writes the migrated rows again. This checks that what it writes is what ``migrate`` wrote."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_q.models import Schedule

from core.models import Stamp
from tests.conftest import migrated_rows_restore


def _migrated_rows():
    return {
        "groups": {
            group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()
        },
        "schedules": set(Schedule.objects.values_list("name", "func", "schedule_type", "minutes", "repeats")),
        "stamps": set(Stamp.objects.values_list("name", flat=True)),
    }


@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_restore_writes_back_what_the_migrations_wrote():
    migrated = _migrated_rows()
    assert migrated["groups"]["Coordinators"] and migrated["schedules"] and "dashboard" in migrated["stamps"]

    call_command("flush", interactive=False, verbosity=0)
    assert not Schedule.objects.exists()

    migrated_rows_restore()
    assert _migrated_rows() == migrated


@pytest.mark.django_db
def test_after_migrate_the_coordinators_hold_every_programme_model_but_accounts_and_history():
    """The data migration that made the group could give only the models of its day; post_migrate gives the ones
    added since (the reporting periods' review among them), never user accounts or a record's history."""
    group = Group.objects.get(name="Coordinators")
    granted = {
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert {
        "actionplans.review_periodreport",
        "actionplans.change_reportingperiod",
        "organizations.coordinate",
    } <= granted
    assert not {p for p in granted if ".add_user" in p or "historical" in p}
