"""A realistic programme over three years for looking at the dashboard and for browser tests.

Twelve partner organizations like those of the November 2021 report, six held trainings (one cancelled,
one planned), a plan per organization in every status with actions due over three years, and management
headcounts showing women's share in decision-making at a baseline and later.
"""

import datetime
import random

from actionplans.models import Action, ActionPlan, ContentArea, Objective
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind, Region
from sessions_log.models import Attendance, TrainingSession

ORGANIZATIONS = [
    ("Ministry of Labour, Social Security and Migration", OrganizationKind.STATE_BODY, Region.BISHKEK),
    ("Osh City Mayor's Office", OrganizationKind.STATE_BODY, Region.OSH_CITY),
    ("Batken Regional Administration", OrganizationKind.STATE_BODY, Region.BATKEN),
    ("Women's Support Centre", OrganizationKind.NATIONAL_CSO, Region.BISHKEK),
    ("Association of Women Leaders of Kyrgyzstan", OrganizationKind.NATIONAL_CSO, Region.NATIONWIDE),
    ("Ak-Jol Rural Women's Association", OrganizationKind.LOCAL_CSO, Region.JALAL_ABAD),
    ("Talas Youth Initiative", OrganizationKind.LOCAL_CSO, Region.TALAS),
    ("Issyk-Kul Crisis Centre for Women", OrganizationKind.LOCAL_CSO, Region.ISSYK_KUL),
    ("Chui Regional Network of Self-Help Groups", OrganizationKind.LOCAL_CSO, Region.CHUI),
    ("Institute for Public Policy Research", OrganizationKind.RESEARCH, Region.BISHKEK),
    ("Social Research Centre of the American University of Central Asia", OrganizationKind.RESEARCH, Region.BISHKEK),
    ("Kyrgyz National University, Gender Studies Centre", OrganizationKind.RESEARCH, Region.BISHKEK),
]

PLAN_STATUSES = [
    ActionPlan.Status.APPROVED,
    ActionPlan.Status.SUBMITTED,
    ActionPlan.Status.APPROVED,
    ActionPlan.Status.DRAFT,
    ActionPlan.Status.COMPLETED,
    ActionPlan.Status.APPROVED,
    ActionPlan.Status.SUBMITTED,
    ActionPlan.Status.RETURNED,
    ActionPlan.Status.APPROVED,
    ActionPlan.Status.ARCHIVED,
    ActionPlan.Status.DRAFT,
    ActionPlan.Status.SUBMITTED,
]


def build_programme(*, today=None, seed=2021):
    """Create the programme; returns the organizations. Dates run over the two years before ``today``'s and it."""
    today = today or datetime.date.today()
    rng = random.Random(seed)
    first = today.year - 2
    orgs = [
        Organization.objects.create(name=name, short_name="", kind=kind, region=region)
        for name, kind, region in ORGANIZATIONS
    ]
    sessions = [
        ("Introduction to gender equality", datetime.date(first, 3, 14), TrainingSession.Format.IN_PERSON, 8),
        ("Gender-responsive budgeting", datetime.date(first, 9, 20), TrainingSession.Format.HYBRID, 6),
        ("Gender mainstreaming in organizations", datetime.date(first + 1, 4, 8), TrainingSession.Format.ONLINE, 12),
        ("Preventing sexual harassment at work", datetime.date(first + 1, 11, 5), TrainingSession.Format.IN_PERSON, 7),
        ("Gender data and monitoring", datetime.date(first + 2, 2, 17), TrainingSession.Format.ONLINE, 9),
        ("Women in decision-making", min(datetime.date(first + 2, 6, 12), today), TrainingSession.Format.IN_PERSON, 10),
    ]
    for title, start, fmt, attending in sessions:
        session = TrainingSession.objects.create(title=title, start_date=start, end_date=start, format=fmt)
        for org in rng.sample(orgs, attending):
            Attendance.objects.create(
                session=session,
                organization=org,
                women=rng.randint(1, 5),
                men=rng.randint(0, 3),
                not_stated=rng.choice([0, 0, 0, 1]),
            )
    TrainingSession.objects.create(
        title="Planning the follow-up workshop",
        start_date=datetime.date(first + 1, 6, 1),
        end_date=datetime.date(first + 1, 6, 1),
        status=TrainingSession.Status.CANCELLED,
    )
    action_statuses = list(Action.Status.values)
    for org, status in zip(orgs, PLAN_STATUSES, strict=True):
        plan = ActionPlan.objects.create(
            organization=org,
            title=f"Gender action plan {first + 1}-{first + 2}",
            period_start=datetime.date(first + 1, 1, 1),
            period_end=datetime.date(first + 2, 12, 31),
            status=status,
        )
        for order, area in enumerate(rng.sample(list(ContentArea.values), 2)):
            objective = Objective.objects.create(plan=plan, title=f"Objective {order + 1}", content_area=area)
            for number in range(rng.randint(2, 4)):
                due = datetime.date(first + 1, 3, 1) + datetime.timedelta(days=rng.randint(0, 900))
                Action.objects.create(
                    objective=objective,
                    title=f"Action {order + 1}.{number + 1}",
                    due_date=due,
                    status=rng.choice(action_statuses + [Action.Status.DONE] * 2),
                )
    for index, org in enumerate(orgs[:10]):
        baseline_women = rng.randint(0, 4)
        dates = (
            [datetime.date(first, 1, 1)] if index == 9 else [datetime.date(first, 1, 1), datetime.date(first + 2, 1, 1)]
        )
        for step, as_of in enumerate(dates):
            women = baseline_women + step * rng.randint(-1, 3)
            HeadcountSnapshot.objects.create(
                organization=org, as_of=as_of, level=Level.MANAGEMENT, women=max(women, 0), men=rng.randint(3, 9)
            )
            HeadcountSnapshot.objects.create(
                organization=org,
                as_of=as_of,
                level=Level.ADMINISTRATIVE,
                women=rng.randint(4, 12),
                men=rng.randint(0, 3),
            )
    return orgs
