"""Rules that are rules live in the database too: a bad row is refused and the table stays as it was."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective
from organizations.models import HeadcountSnapshot, Level, Membership
from sessions_log.models import Attendance, Story, TrainingSession

DAY = datetime.date(2021, 11, 16)


@pytest.fixture
def session(db):
    return TrainingSession.objects.create(title="Gender mainstreaming", start_date=DAY, end_date=DAY)


@pytest.fixture
def objective(org_a):
    plan = ActionPlan.objects.create(organization=org_a, title="GAP", period_start=DAY, period_end=DAY)
    return Objective.objects.create(plan=plan, title="Leadership", content_area="leadership")


def assert_refused(model, **fields):
    before = model.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)
    assert model.objects.count() == before


@pytest.mark.parametrize("field", ["women", "men", "not_stated"])
def test_negative_attendance_counts_are_refused(session, org_a, field):
    assert_refused(Attendance, session=session, organization=org_a, **{field: -1})


@pytest.mark.parametrize("field", ["women", "men", "not_stated"])
def test_negative_headcounts_are_refused(org_a, field):
    assert_refused(HeadcountSnapshot, organization=org_a, as_of=DAY, level=Level.GOVERNING, **{field: -1})


def test_one_attendance_row_per_session_and_organization(session, org_a):
    Attendance.objects.create(session=session, organization=org_a, women=3)
    assert_refused(Attendance, session=session, organization=org_a, women=5)
    assert Attendance.objects.get().women == 3


def test_one_membership_per_user_and_organization(partner, org_a):
    assert_refused(Membership, user=partner, organization=org_a, role=Membership.Role.VIEWER)
    assert Membership.objects.get(user=partner).role == Membership.Role.EDITOR


def test_one_headcount_per_organization_date_and_level(org_a):
    HeadcountSnapshot.objects.create(organization=org_a, as_of=DAY, level=Level.MANAGEMENT, women=1)
    assert_refused(HeadcountSnapshot, organization=org_a, as_of=DAY, level=Level.MANAGEMENT, women=2)


def test_session_cannot_end_before_it_starts(db):
    assert_refused(TrainingSession, title="x", start_date=DAY, end_date=DAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        TrainingSession(title="x", start_date=DAY, end_date=DAY - datetime.timedelta(days=1)).full_clean()
    assert "end_date" in error.value.message_dict


def test_plan_period_cannot_end_before_it_starts(org_a):
    assert_refused(ActionPlan, organization=org_a, title="x", period_start=DAY, period_end=DAY.replace(year=2020))


def test_action_cannot_be_due_before_it_starts(objective):
    assert_refused(Action, objective=objective, title="x", start_date=DAY, due_date=DAY.replace(year=2020))
    with pytest.raises(ValidationError) as error:
        Action(objective=objective, title="x", start_date=DAY, due_date=DAY.replace(year=2020)).full_clean()
    assert "due_date" in error.value.message_dict


def test_story_without_consent_is_refused(session):
    assert_refused(Story, session=session, pseudonym="Aigul", text="...", consent_obtained=False)
    with pytest.raises(ValidationError) as error:
        Story(session=session, pseudonym="Aigul", text="...", consent_obtained=False).full_clean()
    assert "consent_obtained" in error.value.message_dict


def test_story_barriers_must_be_known_categories(session):
    story = Story(session=session, pseudonym="Aigul", text="...", consent_obtained=True, barriers=["nonsense"])
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "barriers" in error.value.message_dict


def test_measurement_women_cannot_exceed_total(objective):
    indicator = Indicator.objects.create(objective=objective, name="Women on the board", kind="share_women")
    assert_refused(Measurement, indicator=indicator, date=DAY, value=10, women=11, total=10)


def test_share_of_women_target_cannot_exceed_100_percent(objective):
    assert_refused(Indicator, objective=objective, name="Women managers", kind="share_women", target_value=150)


def test_overdue_is_computed_from_today_and_ignores_closed_actions(objective):
    today = datetime.date(2026, 6, 1)
    late = Action.objects.create(objective=objective, title="Late", due_date=datetime.date(2026, 5, 31))
    Action.objects.create(objective=objective, title="Done", due_date=datetime.date(2026, 5, 1), status="done")
    Action.objects.create(objective=objective, title="Future", due_date=today)
    assert list(Action.objects.overdue(today)) == [late]
    assert late.is_overdue(today) and not late.is_overdue(datetime.date(2026, 5, 31))
