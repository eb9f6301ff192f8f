"""Read-only queries of plans that pages share (writes are in services.py), and "What needs me"."""

import datetime
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Invitation
from actionplans.models import (
    Action,
    ActionPlan,
    Indicator,
    Measurement,
    Objective,
    PeriodReport,
    PeriodState,
    PeriodTarget,
    ProgressUpdate,
    ReportingPeriod,
    ReportValue,
    ReviewComment,
)
from actionplans.models_reporting import DUE_SOON_DAYS
from core import stamps
from core.prepared import KEY, Prepared, PreparedForReader
from organizations.models import Membership, Organization


def user_can_edit(*, user, plan):
    """Editors of the plan's organization write; viewers and coordinators only read."""
    return user.is_authenticated and _editor_of(user=user, organization_id=plan.organization_id).only("pk").exists()


def _editor_of(*, user, organization_id):
    """The user's editor membership of the organization (its id, or an ``OuterRef`` to read it with the plan)."""
    return Membership.objects.filter(user_id=user.pk, organization_id=organization_id, role=Membership.Role.EDITOR)


# Read on every visit of a partner's cached page: built once per process (core.prepared).
_MEMBERSHIPS = Prepared(
    lambda pk: Membership.objects.filter(user_id=pk).order_by("organization_id").values_list("organization_id", "role"),
    KEY,
)


def memberships_key(*, user):
    """This person's organizations and role in each ("12e-40v"), as a short text a cache key can carry: the pages
    drawn for them depend on nothing else of theirs (one query)."""
    rows = _MEMBERSHIPS.rows(user.pk)
    return "-".join(f"{pk}{role[0]}" for pk, role in rows) or "none"


# The plan or period a page is about, read on every visit: each query is written by the ORM once per process and
# kind of reader (core.prepared.PreparedForReader), as building it cost more than running it. The markers stand in
# for the values of the URL: the plan's id (KEY) and a period's number (in its small column's range).
NUMBER_MARKER = 32_761


_PLAN_FOR_EDITOR = PreparedForReader(
    lambda reader, pk: (
        ActionPlan.objects.for_user(reader)
        .select_related("organization")
        .annotate(user_edits=Exists(_editor_of(user=reader, organization_id=OuterRef("organization_id"))))
        .filter(pk=pk)
    ),
    KEY,
)


def plan_for_editor(*, user, pk):
    """The plan if this user may write to it: 404 when they cannot see it, 403 when they may only read it. One
    query: whether they edit it is read with it."""
    plan = _PLAN_FOR_EDITOR.get_or_404(user, pk)
    if not plan.user_edits:
        raise PermissionDenied(_("You can read this plan but not change it."))
    return plan


def plan_return_comment(*, plan):
    """The coordinator's latest comment returning this plan, while it is returned (shown atop the editor)."""
    if plan.status != ActionPlan.Status.RETURNED:
        return None
    return (
        ReviewComment.objects.filter(plan=plan, decision=ReviewComment.Decision.RETURNED)
        .select_related("author")
        .first()
    )


def plans_for_home(*, user):
    """The user's plans with action counts and each indicator's latest value, in four queries.

    Each plan gets ``indicator_rows`` (its indicators, latest_value/latest_date annotated) and ``editable_by_user``.
    """
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    indicators = Indicator.objects.annotate(
        latest_value=Subquery(latest.values("value")[:1]), latest_date=Subquery(latest.values("date")[:1])
    ).order_by("order", "pk")
    objectives = Objective.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    plans = list(
        ActionPlan.objects.for_user(user)
        .with_progress()
        .select_related("organization")
        .prefetch_related(Prefetch("objectives", queryset=objectives))
        .order_by("organization__name", "-period_start")
    )
    editor_of = set(
        Membership.objects.filter(user=user, role=Membership.Role.EDITOR).values_list("organization_id", flat=True)
    )
    for plan in plans:
        plan.indicator_rows = [i for objective in plan.objectives.all() for i in objective.indicators.all()]
        plan.editable_by_user = plan.organization_id in editor_of
    return plans


def _plan_page_rows():
    """What a plan's page shows below its header: objectives, actions, indicators with their measurements, progress
    updates with their evidence, review comments with their authors (seven queries whatever the plan's size)."""
    measurements = Measurement.objects.select_related("recorded_by").order_by("date", "pk")
    indicators = Indicator.objects.prefetch_related(Prefetch("measurements", queryset=measurements))
    objectives = Objective.objects.prefetch_related("actions", Prefetch("indicators", queryset=indicators))
    updates = ProgressUpdate.objects.select_related("author").prefetch_related("evidence")
    return [
        Prefetch("objectives", queryset=objectives),
        Prefetch("progress_updates", queryset=updates),
        "review_comments__author",
    ]


def plan_for_page(*, user, pk):
    """One plan with everything its page shows, in a fixed number of queries whatever its size."""
    return get_object_or_404(
        ActionPlan.objects.for_user(user)
        .select_related("organization", "source_session", "approved_by")
        .prefetch_related(*_plan_page_rows()),
        pk=pk,
    )


_PLAN_HEAD = PreparedForReader(
    lambda reader, pk: (
        ActionPlan.objects.for_user(reader)
        .select_related("organization", "source_session", "approved_by")
        .annotate(user_edits=Exists(_editor_of(user=reader, organization_id=OuterRef("organization_id"))))
        .filter(pk=pk)
    ),
    KEY,
)


def plan_head(*, user, pk):
    """One plan this user may see with its organization, training and approver, and ``user_edits`` (the user is an
    editor of its organization), in one query; 404 otherwise. Its rows wait for ``plan_rows_attach``."""
    return _PLAN_HEAD.get_or_404(user, pk)


def plan_rows_attach(plan):
    """Read the rows of ``plan_for_page`` for a plan read by ``plan_head``, when a page draws them."""
    prefetch_related_objects([plan], *_plan_page_rows())
    return plan


_PLAN_FOR_SCHEDULE = PreparedForReader(
    lambda reader, pk: (
        ActionPlan.objects.for_user(reader)
        .select_related("organization", "reporting_schedule")
        .annotate(has_periods=Exists(ReportingPeriod.objects.filter(plan=OuterRef("pk"))))
        .filter(pk=pk)
    ),
    KEY,
)


def plan_for_schedule(*, user, pk):
    """One plan with its organization and reporting schedule, for the schedule page (one query): not its rows, but
    ``has_periods`` (whether any reporting period is laid out)."""
    return _PLAN_FOR_SCHEDULE.get_or_404(user, pk)


def plan_period_from(day):
    """A launched plan's period: the twelve months that start on ``day`` (start, last day)."""
    try:
        anniversary = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        anniversary = day.replace(year=day.year + 1, day=28) + datetime.timedelta(days=1)
    return day, anniversary - datetime.timedelta(days=1)


# A plan in one of these statuses is still being written or carried out: a second one for the same months
# would split the organization's work in two (re-entering the 2021 training gave every partner a second draft).
ACTIVE_PLAN_STATUSES = (
    ActionPlan.Status.DRAFT,
    ActionPlan.Status.RETURNED,
    ActionPlan.Status.SUBMITTED,
    ActionPlan.Status.APPROVED,
)


def plans_launch_preview(*, session, today=None):
    """The attending organizations in three lists: those that would get a new plan, those that already have
    one from this training [(organization, plan)], and those skipped because they have a draft, returned,
    submitted or approved plan whose period overlaps the new plan's [(organization, plan)].
    """
    start, end = plan_period_from(today or timezone.localdate())
    existing = {plan.organization_id: plan for plan in session.action_plans.all()}
    attendances = list(session.attendances.select_related("organization"))
    overlapping = {}
    for plan in ActionPlan.objects.filter(
        organization_id__in=[a.organization_id for a in attendances],
        status__in=ACTIVE_PLAN_STATUSES,
        period_start__lte=end,
        period_end__gte=start,
    ).order_by("period_start", "pk"):
        overlapping.setdefault(plan.organization_id, plan)
    to_create, already, skipped = [], [], []
    for attendance in attendances:
        plan = existing.get(attendance.organization_id)
        if plan:
            already.append((attendance.organization, plan))
        elif attendance.organization_id in overlapping:
            skipped.append((attendance.organization, overlapping[attendance.organization_id]))
        else:
            to_create.append(attendance.organization)
    return to_create, already, skipped


# --- Reporting periods -----------------------------------------------------------------------------------


# The reporting pages (a period's report, who has reported, the schedule) and the plan editor's fields are drawn
# once per token of this stamp: a save or delete of any row they show renews it (core.stamps; actionplans.apps
# connects these models).
REPORTING_STAMP = "reporting"
REPORTING_MODELS = (
    "organizations.Organization",
    "organizations.User",  # names in the history and on reviews
    "actionplans.ActionPlan",
    "actionplans.Objective",
    "actionplans.Action",
    "actionplans.Indicator",
    "actionplans.Evidence",
    "actionplans.ReportingSchedule",
    "actionplans.ReportingPeriod",
    "actionplans.PeriodReport",
    "actionplans.ReportValue",
    "actionplans.ReportActionStatus",
    "actionplans.PeriodTarget",
)


# The plan pages (the plan, its print view and PDF) are drawn under the same stamp: they show, beyond the rows above,
# measurements, progress updates, review comments and the training a plan was launched from.
PLAN_PAGE_MODELS = (
    "actionplans.Measurement",
    "actionplans.ProgressUpdate",
    "actionplans.ReviewComment",
    "sessions_log.TrainingSession",
)


# The plan's own pages kept whole for each reader (core.kept): the database renews this stamp on every write to
# the tables they read (actionplans.apps), whatever made it.
PLAN_PAGES_STAMP = "plan_pages"
PLAN_PAGES_MODELS = (
    *REPORTING_MODELS,
    *PLAN_PAGE_MODELS,
    "organizations.Membership",  # who edits, who reads
    "organizations.HeadcountSnapshot",  # the editor's staff figures
)


def reporting_stamp():
    """The token the reporting pages' cached parts are kept under (one query)."""
    return stamps.token(REPORTING_STAMP)


def period_for_user(*, user, plan_pk, number):
    """One period of a plan this user may see, in one query: its plan and organization, its report with who
    reviewed it, and ``user_edits`` (the user is an editor of the plan's organization); 404 otherwise. Not who
    submitted it: no page shows that, and each join costs every visit its planning."""
    return _PERIOD.get_or_404(user, plan_pk, number)


_PERIOD = PreparedForReader(
    lambda reader, plan_pk, number: (
        ReportingPeriod.objects.for_user(reader)
        .select_related("plan__organization", "report__reviewed_by")
        .annotate(user_edits=Exists(_editor_of(user=reader, organization_id=OuterRef("plan__organization_id"))))
        .filter(plan_id=plan_pk, number=number)
    ),
    KEY,
    NUMBER_MARKER,
)


def plan_indicators(*, plan):
    """The plan's indicators in page order (one query)."""
    return list(
        Indicator.objects.filter(objective__plan=plan)
        .select_related("objective")
        .order_by("objective__order", "objective_id", "order", "pk")
    )


def plan_actions(*, plan):
    """The plan's actions in page order (one query)."""
    return list(
        Action.objects.filter(objective__plan=plan)
        .select_related("objective")
        .order_by("objective__order", "objective_id", "order", "pk")
    )


def report_indicators(*, period, report):
    """The plan's indicators in page order, each with ``period_value`` (its value in ``report``, or None) and
    ``period_target`` (its target for ``period``, or None): one query whatever the number of indicators (each
    (report, indicator) and (indicator, period) pair is unique, so the outer joins add no rows)."""
    indicators = Indicator.objects.filter(objective__plan_id=period.plan_id).annotate(
        period_target_row=FilteredRelation("period_targets", condition=Q(period_targets__period=period))
    )
    related = ["objective", "period_target_row"]
    if report is not None:
        indicators = indicators.annotate(
            period_value_row=FilteredRelation("report_values", condition=Q(report_values__report=report))
        )
        related.append("period_value_row")
    indicators = list(indicators.select_related(*related).order_by("objective__order", "objective_id", "order", "pk"))
    for indicator in indicators:
        # select_related leaves the attribute unset where the outer join found no row.
        indicator.period_value = getattr(indicator, "period_value_row", None)
        target = getattr(indicator, "period_target_row", None)
        indicator.period_target = target.value if target is not None else None
    return indicators


def report_actions(*, report, plan_id):
    """The plan's actions in page order, each with ``period_status`` (its reported status in ``report``, or
    None): one query whatever the number of actions."""
    actions = Action.objects.filter(objective__plan_id=plan_id)
    if report is not None:
        actions = actions.annotate(
            period_status_row=FilteredRelation("report_statuses", condition=Q(report_statuses__report=report))
        ).select_related("period_status_row")
    actions = list(actions.select_related("objective").order_by("objective__order", "objective_id", "order", "pk"))
    for action in actions:
        action.period_status = getattr(action, "period_status_row", None)
    return actions


def report_evidence(*, report):
    """The report's evidence files (one query; none before the report's first save)."""
    return list(report.evidence.all()) if report is not None else []


@dataclass
class ReportingRow:
    organization: object
    plan: object
    cells: list = field(default_factory=list)


OVERVIEW_PLANS_PER_PAGE = 50
OVERVIEW_PERIOD_FIELDS = ("plan", "number", "start", "end", "due")


def period_state_expression(today):
    """ReportingPeriod.state() in SQL, for counting and filtering many periods at once: keep both the same."""
    return Case(
        When(
            report__status__in=[
                PeriodReport.Status.SUBMITTED, PeriodReport.Status.RETURNED, PeriodReport.Status.ACCEPTED
            ],
            then=F("report__status"),
        ),
        When(start__gt=today, then=Value(PeriodState.NOT_OPEN.value)),
        When(due__lt=today, then=Value(PeriodState.OVERDUE.value)),
        When(due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS), then=Value(PeriodState.DUE_SOON.value)),
        default=Value(PeriodState.OPEN.value),
        output_field=CharField(),
    )  # fmt: skip


def periods_overview(*, user, year=None, session=None, region=None, kind=None, state=None, today=None, page=None):
    """Who has reported: counts per state and the on-time rate over every matching period, and a row per plan
    with its periods — every plan, or with ``page`` (a number from 1) the 50 plans of that page.

    Counts and rate in one query (states computed in SQL); a page costs three more (the number of plans, the
    page's plans, their periods with plan, organization and report), whatever the number of organizations.
    """
    today = today or timezone.localdate()
    periods = ReportingPeriod.objects.for_user(user)
    if year:
        periods = periods.filter(end__year=year)
    if session:
        periods = periods.filter(plan__source_session=session)
    if region:
        periods = periods.filter(plan__organization__region=region)
    if kind:
        periods = periods.filter(plan__organization__kind=kind)
    periods = periods.annotate(current_state=period_state_expression(today))
    if state:
        periods = periods.filter(current_state=state)
    counts = Counter()
    on_time = late = 0
    submitted_on = TruncDate("report__first_submitted_at")  # in the site's time zone, as was_on_time()
    for group in (
        periods.annotate(submitted_on=submitted_on)
        .order_by()
        .values("current_state")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=Q(submitted_on__lte=F("due"))),
            late=Count("pk", filter=Q(submitted_on__gt=F("due")) | Q(current_state=PeriodState.OVERDUE)),
        )
    ):
        counts[group["current_state"]] += group["n"]
        on_time += group["on_time"]
        late += group["late"]
    ordered = periods.order_by("plan__organization__name", "plan_id", "start")
    paginated = None
    if page is not None:
        plan_ids = (
            periods.order_by("plan__organization__name", "plan_id")
            .values_list("plan_id", "plan__organization__name")
            .distinct()
        )
        paginated = Paginator(plan_ids, OVERVIEW_PLANS_PER_PAGE).get_page(page)
        ordered = ordered.filter(plan_id__in=[plan_id for plan_id, _name in paginated.object_list])
    rows = OrderedDict()
    # Only the columns the grid and its export show: the plans' and reports' long texts stay in the database.
    ordered = ordered.select_related("plan__organization", "report").only(
        *OVERVIEW_PERIOD_FIELDS,
        "plan__title",
        "plan__organization__name",
        "plan__organization__short_name",
        "report__status",
        "report__first_submitted_at",
    )
    for period in ordered:
        row = rows.get(period.plan_id)
        if row is None:
            row = rows[period.plan_id] = ReportingRow(organization=period.plan.organization, plan=period.plan)
        row.cells.append((period, PeriodState(period.current_state)))
    width = max((len(r.cells) for r in rows.values()), default=0)
    for row in rows.values():
        row.cells += [None] * (width - len(row.cells))
    rate = round(100 * on_time / (on_time + late)) if on_time + late else None
    states = [(s, s.label, counts.get(s.value, 0)) for s in PeriodState]
    return {
        "rows": list(rows.values()),
        "page": paginated,
        "width": width,
        "width_range": range(1, width + 1),
        "counts": states,
        "on_time_rate": rate,
    }


WAITING_STATES = (PeriodState.OPEN, PeriodState.DUE_SOON, PeriodState.OVERDUE, PeriodState.RETURNED)


def period_to_report(*, periods, today=None):
    """Of a plan's periods (with their reports), the one the partner should report on now, or None.

    The earliest period that has started and whose report is still to be written or was sent back.
    """
    today = today or timezone.localdate()
    for period in sorted(periods, key=lambda p: p.start):
        if period.state(today) in WAITING_STATES:
            return period
    return None


def periods_for_partner(*, user, today=None):
    """A partner's periods that need something (open, due soon, overdue, sent back), soonest due first.

    Each period gets ``state`` and ``missing`` (how many of the plan's indicators have no value yet). Three
    queries whatever the number of plans and periods.
    """
    today = today or timezone.localdate()
    periods = [
        p
        for p in ReportingPeriod.objects.for_user(user)
        .filter(plan__status=ActionPlan.Status.APPROVED, start__lte=today)
        .select_related("plan__organization", "report")
        .order_by("due", "plan_id")
        if p.state(today) in WAITING_STATES
    ]
    plan_ids = {p.plan_id for p in periods}
    indicators = Counter(
        Indicator.objects.filter(objective__plan_id__in=plan_ids).values_list("objective__plan_id", flat=True)
    )
    report_ids = [p.report.pk for p in periods if p.existing_report is not None]
    given = Counter(
        ReportValue.objects.filter(report_id__in=report_ids, value__isnull=False).values_list("report_id", flat=True)
    )
    for period in periods:
        period.current_state = period.state(today)
        report = period.existing_report
        period.missing = indicators[period.plan_id] - (given[report.pk] if report else 0)
    return periods


@dataclass
class PeriodPoint:
    period: object
    target: object
    value: object  # the ReportValue, or None
    accepted: bool
    bar: str = ""  # SVG geometry, strings with a dot decimal
    bar_y: str = ""
    target_y: str = ""
    x: str = ""
    width: str = ""


@dataclass
class IndicatorSeries:
    """An indicator's values against its targets period by period, with the accepted total to date."""

    indicator: object
    points: list
    accepted_total: object = None
    height: int = 90


def _pct(value):
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def indicator_series_attach(*, plan, periods):
    """Give each indicator of the plan (as prefetched on it) a ``period_series``: two queries, none without periods.

    Only accepted values count in the total; a submitted value is shown apart (lighter) and a draft not at all.
    """
    indicators = [i for o in plan.objectives.all() for i in o.indicators.all()]
    if not periods:
        for indicator in indicators:
            indicator.period_series = None
        return
    targets = {(t.indicator_id, t.period_id): t.value for t in PeriodTarget.objects.filter(period__plan=plan)}
    values = {
        (v.indicator_id, v.report.period_id): v
        for v in ReportValue.objects.filter(report__period__plan=plan)
        .exclude(report__status=PeriodReport.Status.DRAFT)
        .select_related("report")
    }
    for indicator in indicators:
        points = []
        for period in periods:
            row = values.get((indicator.pk, period.pk))
            accepted = row is not None and row.report.status == PeriodReport.Status.ACCEPTED
            points.append(PeriodPoint(period, targets.get((indicator.pk, period.pk)), row, accepted))
        total = indicator.combine_periods([p.value.value for p in points if p.accepted])
        series = IndicatorSeries(indicator, points, total)
        numbers = [p.value.value for p in points if p.value and p.value.value is not None]
        numbers += [p.target for p in points if p.target is not None]
        top = float(max(numbers, default=0)) or 1.0
        slot = 100 / len(points)
        for index, point in enumerate(points):
            point.x = _pct(index * slot + slot * 0.2)
            point.width = _pct(slot * 0.6)
            number = float(point.value.value) if point.value and point.value.value is not None else 0.0
            height = (series.height - 10) * number / top
            point.bar = f"{height:.1f}"
            point.bar_y = f"{series.height - height:.1f}"
            if point.target is not None:
                point.target_y = f"{series.height - (series.height - 10) * float(point.target) / top:.1f}"
        indicator.period_series = series


# --- What needs me ------------------------------------------------------------------------------------------
ACTIONS_AHEAD_DAYS = 14
LIMIT = 10


@dataclass
class PartnerNeeds:
    plans_to_finish: list = field(default_factory=list)  # draft or returned plans the person edits
    reports: list = field(default_factory=list)  # periods to report on: open, due soon, overdue, sent back
    actions_due: list = field(default_factory=list)  # open actions due within 14 days or overdue
    today: datetime.date = None

    def __bool__(self):
        return bool(self.plans_to_finish or self.reports or self.actions_due)

    @property
    def comments_to_answer(self):
        """How many coordinator's comments wait for an answer: returned plans and reports sent back."""
        return sum(1 for plan in self.plans_to_finish if plan.comment_to_answer) + sum(
            1 for period in self.reports if period.comment_to_answer
        )


def needs_for_partner(*, user, today, periods):
    """An editor's to-do: plans to complete or submit and reports to write (each with the coordinator's comment to
    answer when it came back), actions due within 14 days or late. Viewers get nothing to do.

    ``periods`` are the person's periods to report on as ``periods_for_partner`` gives them (the home page has them
    already). Four queries whatever the number of plans.
    """
    editor_of = set(
        Membership.objects.filter(user=user, role=Membership.Role.EDITOR).values_list("organization_id", flat=True)
    )
    plans = list(
        ActionPlan.objects.filter(organization_id__in=editor_of, status__in=ActionPlan.EDITABLE_STATUSES)
        .select_related("organization")
        .order_by("organization__name", "title")[:LIMIT]
    )
    comments = {}
    returned = [plan.pk for plan in plans if plan.status == ActionPlan.Status.RETURNED]
    for comment in ReviewComment.objects.filter(plan_id__in=returned, decision=ReviewComment.Decision.RETURNED):
        comments.setdefault(comment.plan_id, comment.text)  # newest first by the model's ordering
    for plan in plans:
        plan.comment_to_answer = comments.get(plan.pk, "")
    reports = [period for period in periods if period.plan.organization_id in editor_of][:LIMIT]
    for period in reports:
        sent_back = period.state(today) == PeriodState.RETURNED
        period.comment_to_answer = period.report.review_comment if sent_back else ""
    actions = list(
        Action.objects.filter(
            objective__plan__organization_id__in=editor_of,
            objective__plan__status=ActionPlan.Status.APPROVED,
            due_date__lte=today + datetime.timedelta(days=ACTIONS_AHEAD_DAYS),
        )
        .exclude(status__in=Action.CLOSED_STATUSES)
        .select_related("objective__plan")
        .order_by("due_date", "pk")[:LIMIT]
    )
    return PartnerNeeds(plans_to_finish=plans, reports=reports, actions_due=actions, today=today)


@dataclass
class PlanReports:
    """Period reports of one plan that something is said about (waiting for review, overdue): one line per plan."""

    plan: object
    periods: list = field(default_factory=list)

    @property
    def numbers(self):
        return ", ".join(str(period.number) for period in self.periods)


@dataclass
class OrganizationReports:
    """An organization's overdue reports, by plan: one line per organization."""

    organization: object
    plans: list = field(default_factory=list)  # [PlanReports]

    @property
    def count(self):
        return sum(len(row.periods) for row in self.plans)


def _by_plan(periods):
    rows = OrderedDict()
    for period in periods:
        rows.setdefault(period.plan_id, PlanReports(period.plan)).periods.append(period)
    return list(rows.values())


def reports_to_review():
    """Submitted period reports waiting for a coordinator, grouped by plan (one query)."""
    periods = (
        ReportingPeriod.objects.filter(report__status=PeriodReport.Status.SUBMITTED)
        .select_related("plan__organization", "report")
        .order_by("plan__organization__name", "plan__title", "plan_id", "number")
    )
    return _by_plan(periods)


def reports_overdue_by_organization(*, today):
    """Organizations whose approved plans have overdue reports, each with them by plan (one query).

    Overdue is the period's own state(today), as the reports page shows it; the query only leaves out periods
    not yet due and reports already submitted or accepted, which no state() could call overdue.
    """
    periods = (
        ReportingPeriod.objects.filter(plan__status=ActionPlan.Status.APPROVED, due__lt=today)
        .exclude(report__status__in=[PeriodReport.Status.SUBMITTED, PeriodReport.Status.ACCEPTED])
        .select_related("plan__organization", "report")
        .order_by("plan__organization__name", "plan__organization_id", "plan__title", "plan_id", "number")
    )
    overdue = [period for period in periods if period.state(today) == PeriodState.OVERDUE]
    organizations = OrderedDict()
    for row in _by_plan(overdue):
        organization = row.plan.organization
        organizations.setdefault(organization.pk, OrganizationReports(organization)).plans.append(row)
    return list(organizations.values())


def _number_of(queryset):
    """The number of rows of ``queryset`` as a scalar subquery (PostgreSQL runs it once per query, not per row)."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def reports_to_review_first(*, limit):
    """The first ``limit`` plans of reports_to_review() and the number of reports waiting, in one query whose cost
    does not grow with the rows left out: the plans are picked first, then only their periods are read."""
    waiting = ReportingPeriod.objects.filter(report__status=PeriodReport.Status.SUBMITTED)
    first_plans = (
        ActionPlan.objects.filter(Exists(waiting.filter(plan=OuterRef("pk"))))
        .order_by("organization__name", "title", "pk")
        .values("pk")[:limit]
    )
    periods = list(
        waiting.filter(plan__in=first_plans)
        .annotate(total=_number_of(waiting))
        .select_related("plan__organization")
        .order_by("plan__organization__name", "plan__title", "plan_id", "number")
    )
    return _by_plan(periods), (periods[0].total if periods else 0)


def reports_overdue_first(*, today, limit):
    """The first ``limit`` organizations of reports_overdue_by_organization() and the number of overdue reports, in
    one query (overdue as ``period_state_expression``, ReportingPeriod.state() in SQL): the organizations are
    walked in name order and only their periods read, so the rows left out cost no more than their count."""
    overdue = (
        ReportingPeriod.objects.filter(plan__status=ActionPlan.Status.APPROVED, due__lt=today)
        .alias(current_state=period_state_expression(today))
        .filter(current_state=PeriodState.OVERDUE)
    )
    first_organizations = (
        Organization.objects.filter(Exists(overdue.filter(plan__organization=OuterRef("pk"))))
        .order_by("name", "pk")
        .values("pk")[:limit]
    )
    periods = list(
        overdue.filter(plan__organization__in=first_organizations)
        .annotate(total=_number_of(overdue))
        .select_related("plan__organization")
        .order_by("plan__organization__name", "plan__organization_id", "plan__title", "plan_id", "number")
    )
    organizations = OrderedDict()
    for row in _by_plan(periods):
        organization = row.plan.organization
        organizations.setdefault(organization.pk, OrganizationReports(organization)).plans.append(row)
    return list(organizations.values()), (periods[0].total if periods else 0)


def plans_approved_without_schedule():
    """Approved plans nobody set a reporting schedule for: no report will ever be due on them."""
    return (
        ActionPlan.objects.filter(status=ActionPlan.Status.APPROVED, reporting_schedule__isnull=True)
        .select_related("organization")
        .order_by("organization__name", "title")
    )


@dataclass
class CoordinatorNeeds:
    reviews: list = field(default_factory=list)
    reviews_count: int = 0
    reports_to_review: list = field(default_factory=list)  # [PlanReports], the first ones
    reports_to_review_count: int = 0
    reports_overdue: list = field(default_factory=list)  # [OrganizationReports], the first ones
    reports_overdue_count: int = 0
    without_editor: list = field(default_factory=list)
    unreachable: list = field(default_factory=list)
    invitations: list = field(default_factory=list)  # sent, not accepted yet, not expired

    def __bool__(self):
        return bool(
            self.reviews
            or self.reports_to_review
            or self.reports_overdue
            or self.without_editor
            or self.unreachable
            or self.invitations
        )


def organizations_without_editor():
    """Active organizations with a plan in progress but no active editor: nobody there hears of anything."""
    with_editor = Membership.objects.filter(role=Membership.Role.EDITOR, user__is_active=True).values("organization_id")
    live = [ActionPlan.Status.DRAFT, ActionPlan.Status.RETURNED, ActionPlan.Status.APPROVED]
    return (
        Organization.objects.active()
        .filter(action_plans__status__in=live)
        .exclude(pk__in=with_editor)
        .distinct()
        .order_by("name")
    )


def members_unreachable():
    """Active members of organizations with no e-mail address: they see notifications only in the app."""
    return (
        Membership.objects.filter(user__is_active=True)
        .filter(Q(user__email="") | ~Q(user__email__contains="@"))
        .select_related("user", "organization")
        .order_by("organization__name", "user__username")
    )


def needs_for_coordinator(*, user, reviews, reviews_count, today):
    """A coordinator's to-do beyond the plans' review queue (passed in, the dashboard already has it): reports to
    review and overdue reports by organization, organizations nobody there hears of, unreachable people, pending
    invitations. Five queries whatever the number of rows.
    """
    invitations = Invitation.objects.for_user(user).pending().select_related("organization").order_by("expires_at")
    # Only the first lines are read: at 2,000 organizations the overdue reports alone are thousands of rows.
    to_review, to_review_count = reports_to_review_first(limit=LIMIT)
    overdue, overdue_count = reports_overdue_first(today=today, limit=LIMIT)
    return CoordinatorNeeds(
        reviews=list(reviews),
        reviews_count=reviews_count,
        reports_to_review=to_review,
        reports_to_review_count=to_review_count,
        reports_overdue=overdue,
        reports_overdue_count=overdue_count,
        without_editor=list(organizations_without_editor()[:LIMIT]),
        unreachable=list(members_unreachable()[:LIMIT]),
        invitations=list(invitations[:LIMIT]),
    )
