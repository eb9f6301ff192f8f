"""What the plans tell people: the event kinds of plans and actions, and who hears of each.

Adding an event (e.g. a period report submitted, sent back or accepted, due soon or overdue) is a Kind below
and a function that calls notify() with its recipients, a key naming the event once, and a link.
"""

from django.utils.translation import gettext_lazy as _

from core.roles import coordinators_all
from notifications import kinds
from notifications.services import notify
from organizations.models import Membership

PLAN_SUBMITTED = kinds.register(
    kinds.Kind(
        "plan_submitted",
        message=_("%(organization)s submitted the plan “%(plan)s” for review."),
        subject=_("Plan submitted for review: %(plan)s"),
        summary=_("Submitted for review (%(count)s times)"),
    )
)
PLAN_RETURNED = kinds.register(
    kinds.Kind(
        "plan_returned",
        message=_("The plan “%(plan)s” was returned for changes: %(comment)s"),
        subject=_("Plan returned for changes: %(plan)s"),
        summary=_("Returned for changes (%(count)s times)"),
    )
)
PLAN_APPROVED = kinds.register(
    kinds.Kind(
        "plan_approved",
        message=_("The plan “%(plan)s” was approved."),
        subject=_("Plan approved: %(plan)s"),
        summary=_("Approved (%(count)s times)"),
    )
)
ACTION_DUE_SOON = kinds.register(
    kinds.Kind(
        "action_due_soon",
        message=_("The action “%(action)s” is due on %(due)s."),
        subject=_("Due on %(due)s: %(action)s"),
        summary=_("%(count)s actions due within 7 days"),
    )
)
ACTION_OVERDUE = kinds.register(
    kinds.Kind(
        "action_overdue",
        message=_("The action “%(action)s” was due on %(due)s and is not done yet."),
        subject=_("Overdue: %(action)s"),
        summary=_("%(count)s actions overdue"),
    )
)

REPORT_SUBMITTED = kinds.register(
    kinds.Kind(
        "report_submitted",
        message=_("%(organization)s submitted the report for period %(period)s of “%(plan)s”."),
        subject=_("Report submitted: %(plan)s, period %(period)s"),
        summary=_("%(count)s reports submitted"),
    )
)
REPORT_SENT_BACK = kinds.register(
    kinds.Kind(
        "report_sent_back",
        message=_("The report for period %(period)s of “%(plan)s” was sent back: %(comment)s"),
        subject=_("Report sent back: %(plan)s, period %(period)s"),
        summary=_("%(count)s reports sent back"),
    )
)
REPORT_ACCEPTED = kinds.register(
    kinds.Kind(
        "report_accepted",
        message=_("The report for period %(period)s of “%(plan)s” was accepted."),
        subject=_("Report accepted: %(plan)s, period %(period)s"),
        summary=_("%(count)s reports accepted"),
    )
)


def editors_of(organization_id):
    """The active editors of an organization: the people who act on its plans."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            organization_id=organization_id, role=Membership.Role.EDITOR, user__is_active=True
        ).select_related("user")
    ]


def _plan_params(plan):
    return {"plan": plan.title, "organization": plan.organization.name}


def _notify_plan(plan, *, kind, recipients, link, **params):
    return notify(
        recipients=recipients,
        kind=kind.code,
        key=f"{kind.code}:{plan.pk}:v{plan.version}",
        link=link,
        params={**_plan_params(plan), **params},
        group=plan.organization.name,
        topic=plan.title,
        organization=plan.organization,
    )


def plan_submitted(plan):
    """A plan came in for review: the coordinators hear of it."""
    return _notify_plan(plan, kind=PLAN_SUBMITTED, recipients=coordinators_all(), link=f"/plans/{plan.pk}/review/")


def plan_returned(plan, comment):
    """A plan went back to the organization: its editors hear why."""
    return _notify_plan(
        plan,
        kind=PLAN_RETURNED,
        recipients=editors_of(plan.organization_id),
        link=plan.get_absolute_url(),
        comment=comment[:300],
    )


def plan_approved(plan):
    """A plan was approved: its editors hear of it."""
    return _notify_plan(
        plan, kind=PLAN_APPROVED, recipients=editors_of(plan.organization_id), link=plan.get_absolute_url()
    )


def _notify_action(action, *, kind, recipients):
    plan = action.objective.plan
    return notify(
        recipients=recipients,
        kind=kind.code,
        key=f"{kind.code}:{action.pk}:{action.due_date.isoformat()}",
        link=plan.get_absolute_url(),
        params={**_plan_params(plan), "action": action.title, "due": action.due_date.isoformat()},
        group=plan.organization.name,
        topic=plan.title,
        organization=plan.organization,
    )


def action_due_soon(action, recipients):
    return _notify_action(action, kind=ACTION_DUE_SOON, recipients=recipients)


def action_overdue(action, recipients):
    return _notify_action(action, kind=ACTION_OVERDUE, recipients=recipients)


def _notify_report(report, *, kind, recipients, **params):
    period = report.period
    plan = period.plan
    return notify(
        recipients=recipients,
        kind=kind.code,
        key=f"{kind.code}:{report.pk}:v{report.version}",
        link=period.get_absolute_url(),
        params={**_plan_params(plan), "period": period.number, **params},
        group=plan.organization.name,
        topic=plan.title,
        organization=plan.organization,
    )


def report_submitted(report):
    """A period report came in: the coordinators hear of it."""
    return _notify_report(report, kind=REPORT_SUBMITTED, recipients=coordinators_all())


def report_sent_back(report, comment):
    """A report went back to the organization: its editors hear why."""
    recipients = editors_of(report.period.plan.organization_id)
    return _notify_report(report, kind=REPORT_SENT_BACK, recipients=recipients, comment=comment[:300])


def report_accepted(report):
    """A report was accepted: the organization's editors hear of it."""
    return _notify_report(report, kind=REPORT_ACCEPTED, recipients=editors_of(report.period.plan.organization_id))
