"""Read-only queries of plans that pages share (writes are in services.py)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, Indicator, Measurement, Objective, ProgressUpdate, ReviewComment
from organizations.models import Membership


def user_can_edit(*, user, plan):
    """Editors of the plan's organization write; viewers and coordinators only read."""
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organization_id=plan.organization_id, role=Membership.Role.EDITOR)
        .only("pk")
        .exists()
    )


def plan_for_editor(*, user, pk):
    """The plan if this user may write to it: 404 when they cannot see it, 403 when they may only read it."""
    plan = get_object_or_404(ActionPlan.objects.for_user(user).select_related("organization"), pk=pk)
    if not user_can_edit(user=user, plan=plan):
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


def plan_for_page(*, user, pk):
    """One plan with everything its page shows, in a fixed number of queries whatever its size."""
    measurements = Measurement.objects.select_related("recorded_by").order_by("date", "pk")
    indicators = Indicator.objects.prefetch_related(Prefetch("measurements", queryset=measurements))
    objectives = Objective.objects.prefetch_related("actions", Prefetch("indicators", queryset=indicators))
    updates = ProgressUpdate.objects.select_related("author").prefetch_related("evidence")
    return get_object_or_404(
        ActionPlan.objects.for_user(user)
        .select_related("organization", "source_session", "approved_by")
        .prefetch_related(
            Prefetch("objectives", queryset=objectives),
            Prefetch("progress_updates", queryset=updates),
            "review_comments__author",
        ),
        pk=pk,
    )


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
