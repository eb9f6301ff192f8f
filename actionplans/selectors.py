"""Read queries the home pages share: what needs the person now ("What needs me")."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from actionplans.models import Action, ActionPlan, ReviewComment
from organizations.models import Membership, Organization

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

    def __bool__(self):
        return bool(self.reviews or self.without_editor or self.unreachable)


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


def needs_for_coordinator(*, reviews, reviews_count):
    """A coordinator's to-do beyond the review queue (passed in, the dashboard already has it): two queries."""
    return CoordinatorNeeds(
        reviews=list(reviews),
        reviews_count=reviews_count,
        without_editor=list(organizations_without_editor()[:LIMIT]),
        unreachable=list(members_unreachable()[:LIMIT]),
    )
