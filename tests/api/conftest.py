"""Data for the API tests: organization A's and B's approved plans, a training both attended (with a story that
must never come out), headcounts; and tokens for the cast of tests/conftest.py."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from actionplans.models import ActionPlan
from actionplans.models_reporting import PeriodReport, ReportingPeriod
from api.services import token_create
from organizations.models import HeadcountSnapshot, Level
from sessions_log.models import (
    Attendance,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
)
from tests.actionplans.conftest import make_plan

STORY_TEXT = "Aigul told how the council never let her speak (story text that must never leave the app)"
STORY_PSEUDONYM = "Aigul-pseudonym-XYZ"


def make_training(organizations, *, title="Gender mainstreaming in organizations", day=datetime.date(2021, 11, 20)):
    session = TrainingSession.objects.create(title=title, start_date=day, end_date=day, format="online")
    Facilitator.objects.create(session=session, name="International expert", affiliation="Partner NGO")
    for organization in organizations:
        Attendance.objects.create(session=session, organization=organization, women=3, men=1)
    topic, _ = DiscussionTopic.objects.get_or_create(question="What does gender mean to you?", theme="Basics")
    SessionTopic.objects.create(session=session, topic=topic, order=1, key_points="Roles are learned")
    Finding.objects.create(
        session=session, statement="Women sit in administration, not in decisions", barrier="decision_making"
    )
    Story.objects.create(session=session, pseudonym=STORY_PSEUDONYM, text=STORY_TEXT, consent_obtained=True)
    return session


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Token ids are reused between tests (rolled back), and the throttle counts them in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(org_a, org_b):
    plan_a = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    plan_b = make_plan(org_b, title="Plan of B", status=ActionPlan.Status.APPROVED)
    training = make_training([org_a, org_b])
    for plan in (plan_a, plan_b):
        period = ReportingPeriod.objects.create(
            plan=plan,
            number=1,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 6, 30),
            due=datetime.date(2026, 7, 31),
        )
        PeriodReport.objects.create(period=period, achieved="Quota drafted")
    for organization in (org_a, org_b):
        HeadcountSnapshot.objects.create(
            organization=organization, as_of=datetime.date(2025, 12, 1), level=Level.GOVERNING, women=2, men=6
        )
    return {"plan_a": plan_a, "plan_b": plan_b, "training": training}


@pytest.fixture
def token_for(db):
    """A token string for `user` (read-only if asked), valid for 30 days."""

    def make(user, read_only=False, days=30):
        _token, raw = token_create(
            user=user,
            name="test",
            expires_at=timezone.now() + datetime.timedelta(days=days),
            read_only=read_only,
        )
        return raw

    return make


@pytest.fixture
def api(client, token_for):
    """The test client with a Bearer token for `user` (anonymous when None)."""

    def as_user(user, read_only=False):
        if user is not None:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user, read_only=read_only)}"
        else:
            client.defaults.pop("HTTP_AUTHORIZATION", None)
        return client

    return as_user
