"""Read-only queries of plans that pages share (writes are in services.py), and "What needs me"."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import Invitation
from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective, ProgressUpdate, ReviewComment
from organizations.models import Membership, Organization


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


def plans_launch_preview(*, session):
    """The attending organizations split into those that would get a new plan and those that have one."""
    existing = {plan.organization_id: plan for plan in session.action_plans.all()}
    to_create, already = [], []
    for attendance in session.attendances.select_related("organization"):
        plan = existing.get(attendance.organization_id)
        if plan:
            already.append((attendance.organization, plan))
        else:
            to_create.append(attendance.organization)
    return to_create, already


# --- What needs me ------------------------------------------------------------------------------------------
ACTIONS_AHEAD_DAYS = 14
LIMIT = 10


@dataclass
class PartnerNeeds:
    plans_to_finish: list = field(default_factory=list)  # draft or returned plans the person edits
    actions_due: list = field(default_factory=list)  # open actions due within 14 days or overdue
    today: datetime.date = None

    def __bool__(self):
        return bool(self.plans_to_finish or self.actions_due)


def needs_for_partner(*, user, today):
    """An editor's to-do: plans to complete or submit (each with ``comment_to_answer``), actions due soon or late.

    Three queries whatever the number of plans; viewers get nothing to do.
    """
    editor_of = Membership.objects.filter(user=user, role=Membership.Role.EDITOR).values("organization_id")
    plans = list(
        ActionPlan.objects.filter(organization_id__in=editor_of, status__in=ActionPlan.EDITABLE_STATUSES)
        .select_related("organization")
        .order_by("organization__name", "title")[:LIMIT]
    )
    comments = {}
    returned = [plan.pk for plan in plans if plan.status == ActionPlan.Status.RETURNED]
    if returned:
        for comment in ReviewComment.objects.filter(plan_id__in=returned, decision=ReviewComment.Decision.RETURNED):
            comments.setdefault(comment.plan_id, comment)  # newest first by the model's ordering
    for plan in plans:
        plan.comment_to_answer = comments.get(plan.pk)
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
    return PartnerNeeds(plans_to_finish=plans, actions_due=actions, today=today)


@dataclass
class CoordinatorNeeds:
    reviews: list = field(default_factory=list)
    reviews_count: int = 0
    without_editor: list = field(default_factory=list)
    unreachable: list = field(default_factory=list)
    invitations: list = field(default_factory=list)  # sent, not accepted yet, not expired

    def __bool__(self):
        return bool(self.reviews or self.without_editor or self.unreachable or self.invitations)


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


def needs_for_coordinator(*, user, reviews, reviews_count):
    """A coordinator's to-do beyond the review queue (passed in, the dashboard already has it): three queries."""
    invitations = Invitation.objects.for_user(user).pending().select_related("organization").order_by("expires_at")
    return CoordinatorNeeds(
        reviews=list(reviews),
        reviews_count=reviews_count,
        without_editor=list(organizations_without_editor()[:LIMIT]),
        unreachable=list(members_unreachable()[:LIMIT]),
        invitations=list(invitations[:LIMIT]),
    )
