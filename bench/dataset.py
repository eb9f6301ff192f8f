"""A deterministic dataset at a chosen scale, written with ``bulk_create``.

At 100x: 2,000 organizations, 3,000 trainings, 60,000 attendance rows, 20,000 plans, 200,000 actions,
60,000 indicators, 500,000 measurements; every other scale is proportional (1x is about the demo's size).
A fixed seed makes every run build the same rows, so figures from two runs compare.

Besides the bulk rows it creates the people the benchmark signs in as (``bench-coordinator``,
``bench-partner`` — editor of one ordinary organization with a draft plan —, ``bench-admin``) and one plan of
100 actions (for the PDF and print view). Plans and their content get the "created" history record the
editor would leave, so the plan page reads history tables of a realistic size.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.utils import bulk_create_with_history

from actionplans.models import (
    Action,
    ActionPlan,
    ContentArea,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    ReportActionStatus,
    ReportingPeriod,
    ReportingSchedule,
    ReportValue,
)
from actionplans.periods import periods_layout
from core.roles import COORDINATORS_GROUP
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

SEED = 20211125
BATCH = 5000
# Rows at 100x; a scale s builds s/100 of each (at least the minimum the pages need).
AT_100 = {
    "organizations": 2_000,
    "trainings": 3_000,
    "attendance": 60_000,
    "plans": 20_000,
    "actions": 200_000,
    "indicators": 60_000,
    "measurements": 500_000,
}
BIG_PLAN_ACTIONS = 100
BIG_PLAN_INDICATORS = 30  # added to the big plan for the period report of a plan with 30 indicators
# Reporting: one plan per organization reports quarterly over 2025-2026 (8 periods; at 100x 2,000 x 8 cells).
REPORTING_START, REPORTING_END = datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)
# A past period's report: (status or None for no report, weight); None and drafts after the due date are overdue.
PAST_REPORTS = [("accepted", 45), ("submitted", 15), ("returned", 10), ("draft", 10), (None, 20)]
YEARS = range(2019, 2028)
WHEN = timezone.make_aware(datetime.datetime(2026, 1, 15, 10, 0))
WORDS = [
    "gender",
    "equality",
    "women",
    "leadership",
    "training",
    "budget",
    "policy",
    "council",
    "youth",
    "rural",
    "district",
    "community",
    "survey",
    "committee",
    "report",
    "strategy",
    "network",
    "mentoring",
    "safety",
    "childcare",
    "recruitment",
    "data",
]
CYRILLIC = [
    "гендер",
    "равенство",
    "женщины",
    "лидерство",
    "обучение",
    "бюджет",
    "политика",
    "совет",
    "молодёжь",
    "айыл",
    "аймак",
    "коомчулук",
]


@dataclass
class Built:
    """What the benchmark needs to find again: its people and a few representative rows."""

    counts: dict
    coordinator: User
    partner: User
    admin: User
    partner_organization: Organization
    partner_plan: ActionPlan
    big_plan: ActionPlan
    session: TrainingSession
    report_period: object = None  # the big plan's submitted period report (30 more indicators, 100 actions)
    partner_report_plan: object = None  # the partner organization's approved plan that reports quarterly


def counts_for(scale):
    counts = {name: max(1, round(rows * scale / 100)) for name, rows in AT_100.items()}
    counts["organizations"] = max(counts["organizations"], 20)  # a training has 20 attending organizations
    counts["plans"] = max(counts["plans"], 3)
    return counts


def _text(rng, words, cyrillic_share=0.3):
    pool = CYRILLIC if rng.random() < cyrillic_share else WORDS
    return " ".join(rng.choice(pool) for _ in range(words)).capitalize()


def _spread(total, parts):
    """``total`` split into ``parts`` whole numbers that differ by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _bulk(model, rows, history_by=None):
    """Insert ``rows``; for a history-tracked model also its "created" history record (by ``history_by``), as
    the editor's saves leave one, so the plan page's history reads tables of a realistic size."""
    if history_by is None:
        return model.objects.bulk_create(rows, batch_size=BATCH)
    created = []
    for start in range(0, len(rows), BATCH * 4):  # in slices: history records double the objects in memory
        created += bulk_create_with_history(
            rows[start : start + BATCH * 4], model, batch_size=BATCH, default_user=history_by, default_date=WHEN
        )
    return created


def _analyze():
    """Statistics for the rows just written, as autovacuum would gather after a bulk load: without them PostgreSQL
    may plan from a table's last statistics (taken empty by an earlier test, say) and join thousands of rows by
    nested loops for minutes. ANALYZE runs inside the transaction and sees its rows; other databases skip."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@transaction.atomic
def dataset_build(*, scale, seed=SEED, log=print):
    """Build the dataset for ``scale`` (1, 10, 100, ...) into an empty, migrated database."""
    rng = random.Random(seed)  # noqa: S311 (test data, repeatable on purpose)
    counts = counts_for(scale)
    today = datetime.date(2026, 6, 1)
    password = make_password("bench-password-never-used-to-sign-in")

    # --- people --------------------------------------------------------------------------------------
    coordinator = User.objects.create(username="bench-coordinator", password=password, email="c@bench.invalid")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    admin = User.objects.create(
        username="bench-admin", password=password, is_staff=True, is_superuser=True, email="a@bench.invalid"
    )

    # --- organizations, headcounts, one editor each ---------------------------------------------------
    kinds, regions = OrganizationKind.values, Region.values
    organizations = _bulk(
        Organization,
        [
            Organization(
                name=f"{_text(rng, 3)} {i:05d}",
                short_name=f"ORG{i:05d}",
                kind=rng.choice(kinds),
                region=rng.choice(regions),
                contact_person=_text(rng, 2),
                email=f"org{i}@bench.invalid",
                phone=f"+996 312 {i:06d}",
                address=_text(rng, 4),
            )
            for i in range(counts["organizations"])
        ],
    )
    editors = _bulk(
        User,
        [User(username=f"bench-editor-{i:05d}", password=password) for i in range(len(organizations))],
    )
    _bulk(
        Membership,
        [Membership(user=user, organization=org) for user, org in zip(editors, organizations, strict=True)],
    )
    snapshots = []
    for org in organizations:
        for as_of in (datetime.date(2021, 11, 1), datetime.date(2025, 12, 31)):
            for level in Level.values:
                snapshots.append(
                    HeadcountSnapshot(
                        organization=org, as_of=as_of, level=level, women=rng.randint(0, 40), men=rng.randint(0, 40)
                    )
                )
    _bulk(HeadcountSnapshot, snapshots)
    log(f"  {len(organizations):,} organizations, {len(snapshots):,} headcount snapshots")

    # --- trainings and what hangs off them -------------------------------------------------------------
    topics = _bulk(
        DiscussionTopic,
        [DiscussionTopic(question=f"{_text(rng, 8)}? ({i})", theme=rng.choice(WORDS)) for i in range(40)],
    )
    sessions = []
    for i in range(counts["trainings"]):
        start = datetime.date(rng.choice(YEARS), rng.randint(1, 12), rng.randint(1, 28))
        sessions.append(
            TrainingSession(
                title=f"{_text(rng, 5)} {i}",
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(0, 2)),
                format=rng.choice(TrainingSession.Format.values),
                venue=_text(rng, 2),
                language=rng.choice(["Russian", "Kyrgyz", "English"]),
                host_organization=rng.choice(organizations),
                summary=_text(rng, 60),
                status=TrainingSession.Status.PLANNED if start > today else TrainingSession.Status.HELD,
            )
        )
    sessions = _bulk(TrainingSession, sessions)
    attendance = []
    for session, per_session in zip(sessions, _spread(counts["attendance"], len(sessions)), strict=True):
        for org in rng.sample(organizations, min(per_session, len(organizations))):
            attendance.append(
                Attendance(
                    session=session,
                    organization=org,
                    women=rng.randint(0, 6),
                    men=rng.randint(0, 4),
                    not_stated=rng.randint(0, 1),
                )
            )
    _bulk(Attendance, attendance)
    facilitators, session_topics, findings, stories = [], [], [], []
    barriers = Barrier.values
    for session in sessions:
        facilitators.append(Facilitator(session=session, name=_text(rng, 2), affiliation=_text(rng, 3)))
        for order, topic in enumerate(rng.sample(topics, 4), start=1):
            session_topics.append(SessionTopic(session=session, topic=topic, order=order, key_points=_text(rng, 30)))
        for order in (1, 2):
            finding = Finding(session=session, statement=_text(rng, 20), barrier=rng.choice(barriers), order=order)
            findings.append(finding)
        stories.append(
            Story(
                session=session,
                pseudonym=_text(rng, 1),
                text=_text(rng, 80),
                barriers=rng.sample(barriers, 2),
                consent_obtained=True,
            )
        )
    _bulk(Facilitator, facilitators)
    _bulk(SessionTopic, session_topics)
    _bulk(Finding, findings)
    _bulk(Story, stories)
    log(f"  {len(sessions):,} trainings, {len(attendance):,} attendance rows")

    # --- plans -----------------------------------------------------------------------------------------
    statuses = ActionPlan.Status.values
    plans = []
    for i in range(counts["plans"]):
        org = organizations[i % len(organizations)]
        start = datetime.date(rng.choice(YEARS), 1, 1)
        status = rng.choice(statuses)
        plans.append(
            ActionPlan(
                organization=org,
                title=f"{_text(rng, 4)} {i}",
                period_start=start,
                period_end=datetime.date(start.year, 12, 31),
                source_session=rng.choice(sessions),
                status=status,
                statement_of_intent=_text(rng, 40),
                approved_by=coordinator if status in ("approved", "completed") else None,
            )
        )
    # The partner's organization is the second one; its first plan is a draft to edit. The big plan (100
    # actions) belongs to the first organization.
    partner_organization = organizations[1 % len(organizations)]
    plans[1 % len(plans)].status = ActionPlan.Status.DRAFT
    plans[1 % len(plans)].approved_by = None
    plans = _bulk(ActionPlan, plans, history_by=coordinator)
    partner_plan, big_plan = plans[1 % len(plans)], plans[0]

    areas = ContentArea.values
    objectives = _bulk(
        Objective,
        [
            Objective(plan=plan, title=_text(rng, 6), content_area=areas[k % len(areas)], order=k)
            for plan in plans
            for k in range(3)
        ],
        history_by=coordinator,
    )
    by_plan = {}
    for objective in objectives:
        by_plan.setdefault(objective.plan_id, []).append(objective)

    action_statuses = Action.Status.values
    other_actions = counts["actions"] - BIG_PLAN_ACTIONS
    per_plan = [BIG_PLAN_ACTIONS, *_spread(max(other_actions, 0), max(len(plans) - 1, 1))][: len(plans)]
    actions = []
    for plan, n in zip(plans, per_plan, strict=True):
        plan_objectives = by_plan[plan.pk]
        for k in range(n):
            start = plan.period_start + datetime.timedelta(days=rng.randint(0, 200))
            actions.append(
                Action(
                    objective=plan_objectives[k % len(plan_objectives)],
                    title=_text(rng, 7),
                    description=_text(rng, 15),
                    responsible=_text(rng, 2),
                    start_date=start,
                    due_date=start + datetime.timedelta(days=rng.randint(10, 160)),
                    status=rng.choice(action_statuses),
                    resources=_text(rng, 3),
                    order=k,
                )
            )
    _bulk(Action, actions, history_by=coordinator)
    log(f"  {len(plans):,} plans, {len(objectives):,} objectives, {len(actions):,} actions")

    indicators = []
    kinds = Indicator.Kind.values
    for objective, n in zip(objectives, _spread(counts["indicators"], len(objectives)), strict=True):
        for k in range(n):
            kind = kinds[(objective.pk + k) % len(kinds)]
            top = 1 if kind == "yes_no" else 100
            indicators.append(
                Indicator(
                    objective=objective,
                    name=_text(rng, 6),
                    kind=kind,
                    level=Level.MANAGEMENT if kind == "share_women" else "",
                    baseline_value=Decimal(rng.randint(0, top // 2)),
                    baseline_date=datetime.date(2021, 11, 1),
                    target_value=Decimal(top),
                    target_date=datetime.date(2027, 12, 31),
                    data_source=_text(rng, 3),
                    order=k,
                )
            )
    indicators = _bulk(Indicator, indicators, history_by=coordinator)
    measurements = []
    for indicator, n in zip(indicators, _spread(counts["measurements"], len(indicators)), strict=True):
        top = 1 if indicator.kind == "yes_no" else 100
        for k in range(n):
            total = rng.randint(1, 50)
            women = rng.randint(0, total)
            measurements.append(
                Measurement(
                    indicator=indicator,
                    date=datetime.date(2022, 1, 1) + datetime.timedelta(days=30 * k + rng.randint(0, 20)),
                    value=Decimal(rng.randint(0, top)),
                    women=women,
                    total=total,
                    note=_text(rng, 4),
                    recorded_by=coordinator,
                )
            )
            if len(measurements) >= BATCH * 4:
                _bulk(Measurement, measurements, history_by=coordinator)
                measurements.clear()
    _bulk(Measurement, measurements, history_by=coordinator)
    log(f"  {len(indicators):,} indicators, {counts['measurements']:,} measurements")

    reporting, partner_report_plan = _reporting_build(
        rng=rng, organizations=organizations, plans=plans, indicators=indicators, by=coordinator, log=log
    )

    # Coordinators and staff pass a second factor in production (REQUIRE_2FA_FOR_STAFF): a confirmed
    # authenticator each, which the benchmark's sessions name as passed (bench.pages.session_cookie).
    for person in (coordinator, admin):
        TOTPDevice.objects.create(user=person, name="bench", confirmed=True)
    partner = User.objects.create(username="bench-partner", password=password, email="p@bench.invalid")
    Membership.objects.create(user=partner, organization=partner_organization, role=Membership.Role.EDITOR)
    _analyze()
    return Built(
        counts=counts,
        coordinator=coordinator,
        partner=partner,
        admin=admin,
        partner_organization=partner_organization,
        partner_plan=partner_plan,
        big_plan=big_plan,
        session=sessions[0],
        report_period=reporting,
        partner_report_plan=partner_report_plan,
    )


def _reporting_build(*, rng, organizations, plans, indicators, by, log):
    """Reporting periods: one approved plan per organization (its first; the partner's draft aside) reports
    quarterly over 2025-2026 — 8 periods each —, with reports in every status for the periods before the
    dataset's day (values for each indicator, a status for each action) and drafts or none after it. The big
    plan gets 30 more indicators and its period 1 is submitted (the period report measured). Returns that period
    and the partner organization's reporting plan.
    """
    today = datetime.date(2026, 6, 1)
    chosen = []
    for k in range(len(organizations)):
        index = k if k != 1 % len(plans) else k + len(organizations)  # plans[1] is the partner's draft
        if index < len(plans):
            chosen.append(plans[index])
    plan_ids = [p.pk for p in chosen]
    ActionPlan.objects.filter(pk__in=plan_ids).update(
        status=ActionPlan.Status.APPROVED, period_start=REPORTING_START, period_end=REPORTING_END, approved_by=by
    )
    big = plans[0]
    objective = Objective.objects.filter(plan=big).order_by("order").first()
    extra = _bulk(
        Indicator,
        [
            Indicator(
                objective=objective, name=_text(rng, 6), kind=Indicator.Kind.COUNT, counts_people=k % 2 == 0,
                aggregation=Indicator.Aggregation.values[k % 3], target_value=Decimal(100), order=100 + k,
            )
            for k in range(BIG_PLAN_INDICATORS)
        ],
        history_by=by,
    )  # fmt: skip
    _bulk(ReportingSchedule, [ReportingSchedule(plan_id=pk, frequency="quarterly") for pk in plan_ids])
    layout = periods_layout(start=REPORTING_START, end=REPORTING_END, frequency="quarterly")
    periods = _bulk(
        ReportingPeriod,
        [
            ReportingPeriod(plan_id=pk, number=n, start=start, end=end, due=due)
            for pk in plan_ids
            for n, (start, end, due) in enumerate(layout, start=1)
        ],
    )
    statuses, weights = zip(*PAST_REPORTS, strict=True)
    reports = []
    for period in periods:
        if period.plan_id == big.pk and period.number == 1:
            status = "submitted"
        elif period.end < today:
            status = rng.choices(statuses, weights)[0]
        else:
            status = "draft" if rng.random() < 0.3 else None
        if status is None:
            continue
        submitted = timezone.make_aware(
            datetime.datetime.combine(period.due + datetime.timedelta(days=rng.randint(-10, 5)), datetime.time(10))
        )
        reports.append(
            PeriodReport(
                period=period, status=status, achieved=_text(rng, 30), obstacles=_text(rng, 15),
                next_steps=_text(rng, 15), review_comment=_text(rng, 10) if status == "returned" else "",
                first_submitted_at=submitted if status != "draft" else None,
                submitted_at=submitted if status != "draft" else None,
                reviewed_at=submitted + datetime.timedelta(days=3) if status in ("accepted", "returned") else None,
                reviewed_by=by if status in ("accepted", "returned") else None,
            )
        )  # fmt: skip
    reports = _bulk(PeriodReport, reports, history_by=by)
    objective_plan = dict(Objective.objects.filter(plan_id__in=plan_ids).values_list("pk", "plan_id"))
    indicators_of, actions_of = {}, {}
    for indicator in [*indicators, *extra]:
        if indicator.objective_id in objective_plan:
            indicators_of.setdefault(objective_plan[indicator.objective_id], []).append(indicator)
    for action_pk, objective_id in Action.objects.filter(objective_id__in=objective_plan).values_list(
        "pk", "objective_id"
    ):
        actions_of.setdefault(objective_plan[objective_id], []).append(action_pk)
    plan_of = {p.pk: p.plan_id for p in periods}
    values, action_rows = [], []
    for report in reports:
        plan_id = plan_of[report.period_id]
        for indicator in indicators_of.get(plan_id, []):
            if indicator.kind == "yes_no":
                values.append(ReportValue(report=report, indicator=indicator, value=rng.randint(0, 1)))
                continue
            women, men = rng.randint(0, 30), rng.randint(0, 30)
            if indicator.kind == "share_women":
                value = Decimal(round(100 * women / max(women + men, 1), 2))
            else:
                value = Decimal(women + men)
            values.append(ReportValue(report=report, indicator=indicator, value=value, women=women, men=men))
        for action_pk in actions_of.get(plan_id, []):
            action_rows.append(
                ReportActionStatus(report=report, action_id=action_pk, status=rng.choice(Action.Status.values))
            )
    _bulk(ReportValue, values)
    _bulk(ReportActionStatus, action_rows)
    log(
        f"  {len(plan_ids):,} reporting plans, {len(periods):,} periods, {len(reports):,} reports, "
        f"{len(values):,} reported values, {len(action_rows):,} reported action statuses"
    )
    partner_plan = next((p for p in chosen if p.organization_id == organizations[1 % len(organizations)].pk), None)
    return next(p for p in periods if p.plan_id == big.pk and p.number == 1), partner_plan
