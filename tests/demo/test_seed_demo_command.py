"""`manage.py seed_demo` on a database without the demo: it refuses to run with DEBUG off unless forced, takes its
password from DEMO_PASSWORD, and finds the rows of the earlier English demo instead of adding them again."""

import datetime

import pytest
from django.core.management import CommandError

from actionplans.models import ActionPlan
from organizations.models import Organization, OrganizationKind, User
from sessions_log.models import TrainingSession
from tests.demo.conftest import seed


@pytest.fixture(autouse=True)
def _no_demo_password_from_the_callers_shell(monkeypatch):
    """The default password unless a test sets one: no test depends on the caller's environment."""
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def test_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"DEBUG off.*--force"):
        seed()

    assert not Organization.objects.exists()
    assert not User.objects.exists()


def test_runs_with_debug_off_when_forced(db, settings):
    settings.DEBUG = False

    seed(force=True)

    assert TrainingSession.objects.filter(title="Gender mainstreaming in organizations").exists()


def test_password_comes_from_demo_password(db, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password")

    output = seed()

    assert User.objects.get(username="partner").check_password("another-demo-password")
    assert "another-demo-password" not in output


def test_seeding_a_database_of_the_earlier_english_demo_adds_no_second_organization_or_session(db, settings):
    settings.DEBUG = True
    naryn = Organization.objects.create(name="Naryn City Mayor's Office", kind=OrganizationKind.STATE_BODY)
    workshop = TrainingSession.objects.create(
        title="From commitments to gender action plans",
        start_date=datetime.date(2026, 9, 24),
        end_date=datetime.date(2026, 9, 25),
    )

    seed()

    assert Organization.objects.count() == 13
    assert not Organization.objects.filter(name="Мэрия города Нарын").exists()
    assert ActionPlan.objects.get(organization__memberships__user__username="partner2").organization == naryn
    assert TrainingSession.objects.count() == 3
    assert TrainingSession.objects.get(start_date=datetime.date(2026, 9, 24)) == workshop
    assert workshop.attendances.filter(organization=naryn).exists() is False  # Naryn was not at the workshop
    assert workshop.attendances.count() == 8
