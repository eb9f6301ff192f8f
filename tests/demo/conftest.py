"""The demo, seeded once per module for the tests that read it (``seeded``)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The demo seeded once for this module, in a transaction rolled back at its end; each test runs in a savepoint
    inside it and is rolled back to it (what Django's ``TestCase.setUpTestData`` does): seeding was most of each
    test's time. The tests that need an empty database are in tests/demo/test_seed_demo_command.py."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEMO_PASSWORD", raising=False)
        with transaction.atomic():
            yield seed()
            transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db, settings):
    settings.DEBUG = True  # a test that seeds again
    return seeded_once
