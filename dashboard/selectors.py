"""The dashboard's figures, aggregated in the database.

Every function here runs one query whatever the number of sessions, plans or organizations: counts and
sums are grouped in SQL (``values().annotate()``, ``Count(..., filter=Q(...))``, correlated subqueries),
and Python only reshapes the few grouped rows that come back. ``tests/dashboard/test_queries.py`` holds
the count.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear

from actionplans.models import Action, ActionPlan, PeriodReport, ReportingPeriod, ReportValue
from core.figures import share_of_women
from core.roles import is_coordinator
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind
from sessions_log.models import Attendance, TrainingSession

APPROVED_STATUSES = (ActionPlan.Status.APPROVED, ActionPlan.Status.COMPLETED)


def can_read_dashboard(*, user):
    """Coordinators and back-office staff read the programme's figures; partners and others do not."""
    return is_coordinator(user) or (user.is_authenticated and user.is_active and user.is_staff)


@dataclass(frozen=True)
class Scope:
    """The rows the dashboard aggregates over, one queryset per model."""

    sessions: object
    attendance: object
    plans: object
    actions: object
    organizations: object
    snapshots: object


def dashboard_scope(*, fetched_by):
    """The querysets the figures start from.

    Coordinators go through each model's ``for_user()`` door. Back-office staff who are not coordinators
    have no door to trainings (those are coordinators' records), yet they answer donors from these totals:
    for them the dashboard aggregates over every row, and what it shows are sums, counts and organization
    names — never a story, a participant or a plan's text.
    """
    if is_coordinator(fetched_by):
        return Scope(
            sessions=TrainingSession.objects.for_user(fetched_by),
            attendance=Attendance.objects.for_user(fetched_by),
            plans=ActionPlan.objects.for_user(fetched_by),
            actions=Action.objects.for_user(fetched_by),
            organizations=Organization.objects.for_user(fetched_by),
            snapshots=HeadcountSnapshot.objects.for_user(fetched_by),
        )
    if not can_read_dashboard(user=fetched_by):
        raise PermissionError("This user may not read the dashboard.")
    return Scope(
        sessions=TrainingSession.objects.all(),
        attendance=Attendance.objects.all(),
        plans=ActionPlan.objects.all(),
        actions=Action.objects.all(),
        organizations=Organization.objects.all(),
        snapshots=HeadcountSnapshot.objects.all(),
    )


def _year_range(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def years_with_data(*, scope):
    """Years in which a training was held or an action plan started, newest first (one query)."""
    session_years = scope.sessions.annotate(year=ExtractYear("start_date")).values_list("year").order_by()
    plan_years = scope.plans.annotate(year=ExtractYear("period_start")).values_list("year").order_by()
    return sorted({year for (year,) in session_years.union(plan_years)}, reverse=True)


@dataclass
class YearReach:
    """Trainings held in one year and who came."""

    year: int
    sessions: int = 0
    women: int = 0
    men: int = 0
    not_stated: int = 0

    @property
    def participants(self):
        return self.women + self.men + self.not_stated

    @property
    def share_of_women(self):
        return share_of_women(self.women, self.participants)


def reach_by_year(*, scope):
    """Held trainings and their participants by gender, one entry per year from the first to the last (one query).

    Years without a training in between are kept with zeros, so that a gap shows as a gap.
    """
    rows = (
        scope.sessions.filter(status=TrainingSession.Status.HELD)
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(
            # One join to attendance: each attendance row is summed once; a session counts once.
            n_sessions=Count("pk", distinct=True),
            n_women=Sum("attendances__women"),
            n_men=Sum("attendances__men"),
            n_not_stated=Sum("attendances__not_stated"),
        )
        .order_by("year")
    )
    by_year = {
        row["year"]: YearReach(
            year=row["year"],
            sessions=row["n_sessions"],
            women=row["n_women"] or 0,
            men=row["n_men"] or 0,
            not_stated=row["n_not_stated"] or 0,
        )
        for row in rows
    }
    if not by_year:
        return []
    return [by_year.get(year, YearReach(year=year)) for year in range(min(by_year), max(by_year) + 1)]


def total_reach(*, years):
    """All the years' reach added up."""
    total = YearReach(year=0)
    for reach in years:
        total.sessions += reach.sessions
        total.women += reach.women
        total.men += reach.men
        total.not_stated += reach.not_stated
    return total


def organizations_reached_by_kind(*, scope, year):
    """Organizations that attended a held training, by kind: in ``year`` and in all years (one query).

    Returns a list of ``(kind value, label, count in year, count in all years)`` in the order of the choices.
    """
    in_year = Q(session__start_date__range=_year_range(year)) if year else Q()
    rows = (
        scope.attendance.filter(session__status=TrainingSession.Status.HELD)
        .values("organization__kind")
        .annotate(
            in_year=Count("organization", distinct=True, filter=in_year),
            overall=Count("organization", distinct=True),
        )
        .order_by()
    )
    counts = {row["organization__kind"]: (row["in_year"], row["overall"]) for row in rows}
    return [(value, label, *counts[value]) for value, label in OrganizationKind.choices if value in counts]


def plans_by_status(*, scope, year):
    """Plans by status: those running in ``year`` (their period overlaps it) and all of them (one query).

    Returns ``{status: (count in year, count overall)}`` with every status present.
    """
    running = Q()
    if year:
        first, last = _year_range(year)
        running = Q(period_start__lte=last, period_end__gte=first)
    rows = scope.plans.values("status").annotate(in_year=Count("pk", filter=running), overall=Count("pk")).order_by()
    counts = {row["status"]: (row["in_year"], row["overall"]) for row in rows}
    return {value: counts.get(value, (0, 0)) for value in ActionPlan.Status.values}


def organizations_with_approved_plan(*, scope, year):
    """Organizations with an approved (or since completed) plan, running in ``year`` and overall (one query)."""
    running = Q()
    if year:
        first, last = _year_range(year)
        running = Q(period_start__lte=last, period_end__gte=first)
    approved = Q(status__in=APPROVED_STATUSES)
    result = scope.plans.aggregate(
        in_year=Count("organization", distinct=True, filter=approved & running),
        overall=Count("organization", distinct=True, filter=approved),
        with_plan=Count("organization", distinct=True, filter=running),
    )
    return result


def action_counts(*, scope, year, today):
    """Actions done, in progress and overdue: those due in ``year`` and all of them (one query).

    The three never overlap: an action in progress past its due date counts as overdue only. Overdue comes
    from ``Action.objects.overdue()`` (due before today, neither done nor cancelled) as a subquery, so the
    rule lives in one place.
    """
    due_in_year = Q(due_date__range=_year_range(year)) if year else Q()
    overdue = Q(pk__in=Action.objects.overdue(today).values("pk"))
    done = Q(status=Action.Status.DONE)
    in_progress = Q(status=Action.Status.IN_PROGRESS)
    return scope.actions.aggregate(
        total_year=Count("pk", filter=due_in_year),
        done_year=Count("pk", filter=done & due_in_year),
        in_progress_year=Count("pk", filter=in_progress & ~overdue & due_in_year),
        overdue_year=Count("pk", filter=overdue & due_in_year),
        total=Count("pk"),
        done=Count("pk", filter=done),
        in_progress=Count("pk", filter=in_progress & ~overdue),
        overdue=Count("pk", filter=overdue),
    )


def overdue_by_organization(*, scope, year, today):
    """``(organization name, overdue actions)`` for organizations with any, most first (one query).

    With a year chosen, only actions due in that year count, as on the actions card.
    """
    actions = scope.actions.filter(pk__in=Action.objects.overdue(today).values("pk"))
    if year:
        actions = actions.filter(due_date__range=_year_range(year))
    rows = (
        actions.values("objective__plan__organization__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "objective__plan__organization__name")
    )
    return [(row["objective__plan__organization__name"], row["n"]) for row in rows]


@dataclass
class DecisionMakingShare:
    """Women's share in an organization's management and decision-making: earliest snapshot and latest."""

    organization: str
    baseline_date: datetime.date
    baseline_women: int
    baseline_total: int
    latest_date: datetime.date
    latest_women: int
    latest_total: int

    @property
    def baseline_share(self):
        return share_of_women(self.baseline_women, self.baseline_total)

    @property
    def latest_share(self):
        return share_of_women(self.latest_women, self.latest_total)

    @property
    def single_snapshot(self):
        return self.baseline_date == self.latest_date

    @property
    def change(self):
        if self.baseline_share is None or self.latest_share is None:
            return None
        return round(self.latest_share - self.baseline_share, 1)


def women_in_decision_making(*, scope):
    """Per organization with a management-level snapshot: the earliest one (baseline) and the latest (one query).

    The two snapshots are picked by correlated subqueries, so the database returns one row per organization.
    """
    snapshots = HeadcountSnapshot.objects.filter(organization=OuterRef("pk"), level=Level.MANAGEMENT).annotate(
        everyone=F("women") + F("men") + F("not_stated")
    )
    earliest = snapshots.order_by("as_of")
    latest = snapshots.order_by("-as_of")

    def first(queryset, name, output_field=None):
        return Subquery(queryset.values(name)[:1], output_field=output_field)

    rows = (
        scope.organizations.filter(Exists(scope.snapshots.filter(organization=OuterRef("pk"), level=Level.MANAGEMENT)))
        .annotate(
            baseline_date=first(earliest, "as_of"),
            baseline_women=first(earliest, "women"),
            baseline_total=first(earliest, "everyone", IntegerField()),
            latest_date=first(latest, "as_of"),
            latest_women=first(latest, "women"),
            latest_total=first(latest, "everyone", IntegerField()),
        )
        .values_list(
            "name",
            "baseline_date",
            "baseline_women",
            "baseline_total",
            "latest_date",
            "latest_women",
            "latest_total",
        )
        .order_by("name")
    )
    shares = [DecisionMakingShare(*row) for row in rows]
    # Highest latest share first; organizations whose snapshots counted nobody go last.
    shares.sort(key=lambda item: (item.latest_share is None, -(item.latest_share or 0), item.organization))
    return shares


def reporting_counts(*, fetched_by, year, today):
    """Period reports accepted, submitted (waiting, not counted yet), sent back and overdue (one query).

    Periods ending in ``year`` (None: all). Overdue: due before today with no submitted report.
    """
    periods = (
        ReportingPeriod.objects.all()
        if not is_coordinator(fetched_by)
        else ReportingPeriod.objects.for_user(fetched_by)
    )
    if year:
        periods = periods.filter(end__year=year)
    not_submitted = Q(report__isnull=True) | Q(report__status=PeriodReport.Status.DRAFT)
    return periods.aggregate(
        accepted=Count("pk", filter=Q(report__status=PeriodReport.Status.ACCEPTED)),
        submitted=Count("pk", filter=Q(report__status=PeriodReport.Status.SUBMITTED)),
        returned=Count("pk", filter=Q(report__status=PeriodReport.Status.RETURNED)),
        overdue=Count("pk", filter=not_submitted & Q(due__lt=today)),
    )


def people_reported(*, fetched_by, year):
    """People counted by indicators that count people, in accepted period reports only (one query).

    Drafts never count and submitted reports count once a coordinator accepts them.
    """
    values = ReportValue.objects.accepted().filter(indicator__counts_people=True, indicator__kind="count")
    if is_coordinator(fetched_by):
        values = values.for_user(fetched_by)
    if year:
        values = values.filter(report__period__end__year=year)
    return values.aggregate(total=Sum("value"), women=Sum("women"), men=Sum("men"), not_stated=Sum("not_stated"))


@dataclass
class Dashboard:
    """Everything the dashboard page shows, computed in a fixed number of queries."""

    year: int | None
    today: datetime.date
    years: list
    reach_years: list
    reach_year: YearReach
    reach_total: YearReach
    kinds: list
    plans: dict
    approved: dict
    actions: dict
    overdue: list
    decision_making: list
    reporting: dict = None
    people: dict = None

    @property
    def organizations_reached_year(self):
        return sum(in_year for _, _, in_year, _ in self.kinds)

    @property
    def organizations_reached_total(self):
        return sum(overall for _, _, _, overall in self.kinds)

    @property
    def plans_year(self):
        return sum(in_year for in_year, _ in self.plans.values())

    @property
    def plans_total(self):
        return sum(overall for _, overall in self.plans.values())


def dashboard_figures(*, fetched_by, year, today):
    """The dashboard's figures for ``year`` (None: all years) and overall, as ``fetched_by`` may see them."""
    scope = dashboard_scope(fetched_by=fetched_by)
    reach_years = reach_by_year(scope=scope)
    reach_total = total_reach(years=reach_years)
    if year:
        reach_year = next((reach for reach in reach_years if reach.year == year), YearReach(year=year))
    else:
        reach_year = reach_total
    return Dashboard(
        year=year,
        today=today,
        years=years_with_data(scope=scope),
        reach_years=reach_years,
        reach_year=reach_year,
        reach_total=reach_total,
        kinds=organizations_reached_by_kind(scope=scope, year=year),
        plans=plans_by_status(scope=scope, year=year),
        approved=organizations_with_approved_plan(scope=scope, year=year),
        actions=action_counts(scope=scope, year=year, today=today),
        overdue=overdue_by_organization(scope=scope, year=year, today=today),
        decision_making=women_in_decision_making(scope=scope),
        reporting=reporting_counts(fetched_by=fetched_by, year=year, today=today),
        people=people_reported(fetched_by=fetched_by, year=year),
    )
