"""One row of every model, linked as in real life, for the back-office tests.

``make_world(n)`` can be called several times: each call makes a fresh organization, session, plan and so on,
so that a list with two worlds has twice the rows of a list with one (for query-count tests).
"""

import datetime
from decimal import Decimal

from actionplans.models import (
    Action,
    ActionPlan,
    ContentArea,
    Evidence,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    ProgressUpdate,
    ReportingPeriod,
    ReportValue,
    ReviewComment,
)
from assessments.models import Answer, Assessment, Question, Suggestion
from organizations.models import HeadcountSnapshot, Level, Membership, Organization, OrganizationKind, Region, User
from sessions_log.models import (
    Attendance,
    Barrier,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
)


def make_world(n=1, *, session_date=datetime.date(2021, 11, 25)):
    """Every model once, named with ``n``; returns the objects by model."""
    org = Organization.objects.create(
        name=f"Organization {n}", short_name=f"O{n}", kind=OrganizationKind.STATE_BODY, region=Region.OSH
    )
    user = User.objects.create_user(username=f"member{n}", password="x-unused-x")
    membership = Membership.objects.create(user=user, organization=org, role=Membership.Role.EDITOR)
    headcount = HeadcountSnapshot.objects.create(
        organization=org, as_of=datetime.date(2021, 1, 1), level=Level.MANAGEMENT, women=2, men=8
    )
    session = TrainingSession.objects.create(
        title=f"Gender mainstreaming {n}",
        start_date=session_date,
        end_date=session_date,
        format=TrainingSession.Format.ONLINE,
        host_organization=org,
    )
    facilitator = Facilitator.objects.create(session=session, name=f"Facilitator {n}", affiliation="CAG")
    attendance = Attendance.objects.create(session=session, organization=org, women=5, men=3, not_stated=1)
    topic = DiscussionTopic.objects.create(question=f"What is gender to you? ({n})", theme="Basics")
    session_topic = SessionTopic.objects.create(session=session, topic=topic, order=1)
    story = Story.objects.create(
        session=session, pseudonym=f"Aigul {n}", text="A story.", barriers=[Barrier.LEGAL], consent_obtained=True
    )
    finding = Finding.objects.create(
        session=session, statement="Women are not in decision-making.", barrier=Barrier.DECISION_MAKING
    )
    plan = ActionPlan.objects.create(
        organization=org,
        title=f"Gender action plan {n}",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        source_session=session,
        status=ActionPlan.Status.APPROVED,  # the reports cover approved and completed plans by default
    )
    objective = Objective.objects.create(
        plan=plan, title=f"More women in management {n}", content_area=ContentArea.LEADERSHIP
    )
    action = Action.objects.create(
        objective=objective,
        title=f"Adopt a gender policy {n}",
        responsible="Director",
        start_date=datetime.date(2022, 1, 1),
        due_date=datetime.date(2022, 6, 30),
        status=Action.Status.IN_PROGRESS,
    )
    indicator = Indicator.objects.create(
        objective=objective,
        name=f"Share of women in management {n}",
        kind=Indicator.Kind.SHARE_OF_WOMEN,
        level=Level.MANAGEMENT,
        baseline_value=Decimal("20"),
        baseline_date=datetime.date(2021, 1, 1),
        target_value=Decimal("40"),
        target_date=datetime.date(2023, 12, 31),
    )
    measurement = Measurement.objects.create(indicator=indicator, date=datetime.date(2022, 12, 31), value=Decimal("30"))
    update = ProgressUpdate.objects.create(plan=plan, narrative="Policy drafted.", author=user)
    evidence = Evidence.objects.create(
        update=update, file="evidence/policy.pdf", original_name="policy.pdf", content_type="application/pdf", size=10
    )
    comment = ReviewComment.objects.create(plan=plan, text="Looks good.", decision=ReviewComment.Decision.COMMENT)
    period = ReportingPeriod.objects.create(
        plan=plan, number=1, start=plan.period_start, end=datetime.date(2022, 6, 30), due=datetime.date(2022, 7, 15)
    )
    report = PeriodReport.objects.create(period=period, achieved="Policy drafted.")
    ReportValue.objects.create(report=report, indicator=indicator, value=Decimal("30"), women=3, men=7)
    question = Question.objects.create(
        content_area="leadership",
        text_en=f"Are women on the board {n}?",
        missing_en="No",
        started_en="Some",
        in_place_en="Yes",
        exemplary_en="Half",
    )
    suggestion = Suggestion.objects.create(
        content_area="leadership", title_en=f"More women on the board {n}", indicator_en="Score"
    )
    assessment = Assessment.objects.create(organization=org, year=2025, status=Assessment.Status.VALIDATED)
    Answer.objects.create(assessment=assessment, question=question, level=2)
    return {
        Question: question,
        Suggestion: suggestion,
        Assessment: assessment,
        Organization: org,
        User: user,
        Membership: membership,
        HeadcountSnapshot: headcount,
        TrainingSession: session,
        Facilitator: facilitator,
        Attendance: attendance,
        DiscussionTopic: topic,
        SessionTopic: session_topic,
        Story: story,
        Finding: finding,
        ActionPlan: plan,
        Objective: objective,
        Action: action,
        Indicator: indicator,
        Measurement: measurement,
        ProgressUpdate: update,
        Evidence: evidence,
        ReviewComment: comment,
        ReportingPeriod: period,
        PeriodReport: report,
    }
