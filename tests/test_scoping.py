"""One door per model: for_user() for every role on every model that belongs to an organization."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from actionplans.models import (
    Action,
    ActionPlan,
    Evidence,
    Indicator,
    Measurement,
    Objective,
    ProgressUpdate,
    ReviewComment,
)
from organizations.models import HeadcountSnapshot, Level, Membership, Organization
from sessions_log.models import (
    Attendance,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
)

DAY = datetime.date(2026, 3, 1)


def build_plan_tree(organization):
    """One row of every plan model for this organization; returns {model: row}."""
    plan = ActionPlan.objects.create(
        organization=organization, title=f"Plan of {organization}", period_start=DAY, period_end=DAY
    )
    objective = Objective.objects.create(plan=plan, title="Women on the board", content_area="leadership")
    action = Action.objects.create(objective=objective, title="Quota")
    indicator = Indicator.objects.create(objective=objective, name="Share of women", kind="share_women")
    measurement = Measurement.objects.create(indicator=indicator, date=DAY, value=40, women=4, total=10)
    update = ProgressUpdate.objects.create(plan=plan, narrative="Started")
    evidence = Evidence.objects.create(update=update, file="x.pdf", original_name="x.pdf", content_type="a", size=1)
    comment = ReviewComment.objects.create(plan=plan, text="Fine")
    snapshot = HeadcountSnapshot.objects.create(organization=organization, as_of=DAY, level=Level.GOVERNING, women=1)
    return {
        ActionPlan: plan,
        Objective: objective,
        Action: action,
        Indicator: indicator,
        Measurement: measurement,
        ProgressUpdate: update,
        Evidence: evidence,
        ReviewComment: comment,
        HeadcountSnapshot: snapshot,
        Organization: organization,
    }


ORGANIZATION_SCOPED = [
    ActionPlan,
    Objective,
    Action,
    Indicator,
    Measurement,
    ProgressUpdate,
    Evidence,
    ReviewComment,
    HeadcountSnapshot,
    Organization,
]


@pytest.fixture
def trees(org_a, org_b):
    return build_plan_tree(org_a), build_plan_tree(org_b)


@pytest.mark.parametrize("model", ORGANIZATION_SCOPED, ids=lambda m: m.__name__)
def test_coordinator_sees_every_organizations_rows(model, trees, coordinator):
    tree_a, tree_b = trees
    assert set(model.objects.for_user(coordinator)) == {tree_a[model], tree_b[model]}


@pytest.mark.parametrize("model", ORGANIZATION_SCOPED, ids=lambda m: m.__name__)
def test_partner_sees_only_their_own_organizations_rows(model, trees, partner, viewer):
    tree_a, _ = trees
    assert list(model.objects.for_user(partner)) == [tree_a[model]]
    assert list(model.objects.for_user(viewer)) == [tree_a[model]]


@pytest.mark.parametrize("model", ORGANIZATION_SCOPED, ids=lambda m: m.__name__)
def test_partner_of_other_organization_sees_only_theirs(model, trees, partner_b):
    _, tree_b = trees
    assert list(model.objects.for_user(partner_b)) == [tree_b[model]]


@pytest.mark.parametrize("model", ORGANIZATION_SCOPED, ids=lambda m: m.__name__)
def test_anonymous_and_users_without_membership_see_nothing(model, trees, staff):
    assert not model.objects.for_user(AnonymousUser()).exists()
    assert not model.objects.for_user(staff).exists()


def test_memberships_are_visible_within_the_organization_only(partner, viewer, partner_b, coordinator):
    assert set(Membership.objects.for_user(partner)) == set(
        Membership.objects.filter(organization__name__contains="Osh")
    )
    assert Membership.objects.for_user(partner).count() == 2
    assert Membership.objects.for_user(partner_b).count() == 1
    assert Membership.objects.for_user(coordinator).count() == 3
    assert not Membership.objects.for_user(AnonymousUser()).exists()


@pytest.fixture
def session_records(org_a, org_b):
    session = TrainingSession.objects.create(title="Gender mainstreaming", start_date=DAY, end_date=DAY)
    topic = DiscussionTopic.objects.create(question="What is gender to you?")
    return {
        TrainingSession: session,
        Facilitator: Facilitator.objects.create(session=session, name="Expert"),
        DiscussionTopic: topic,
        SessionTopic: SessionTopic.objects.create(session=session, topic=topic),
        Story: Story.objects.create(session=session, pseudonym="Aigul", text="...", consent_obtained=True),
        Finding: Finding.objects.create(session=session, statement="Barriers"),
        "attendance_a": Attendance.objects.create(session=session, organization=org_a, women=3),
        "attendance_b": Attendance.objects.create(session=session, organization=org_b, men=2),
    }


@pytest.mark.parametrize(
    "model", [TrainingSession, Facilitator, DiscussionTopic, SessionTopic, Story, Finding], ids=lambda m: m.__name__
)
def test_training_records_and_stories_are_for_coordinators_only(
    model, session_records, coordinator, partner, partner_b
):
    assert list(model.objects.for_user(coordinator)) == [session_records[model]]
    for user in (partner, partner_b, AnonymousUser()):
        assert not model.objects.for_user(user).exists()


def test_partners_see_only_their_own_organizations_attendance(session_records, coordinator, partner, partner_b):
    assert Attendance.objects.for_user(coordinator).count() == 2
    assert list(Attendance.objects.for_user(partner)) == [session_records["attendance_a"]]
    assert list(Attendance.objects.for_user(partner_b)) == [session_records["attendance_b"]]
    assert not Attendance.objects.for_user(AnonymousUser()).exists()
