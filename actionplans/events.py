"""What the plans tell people: the event kinds of plans, actions and period reports, and who hears of each.

Every event is a row of ``EVENTS`` (its code, who hears of it, and its texts) and a one-line function below
that names what it is about; ``tell()`` does the rest the same way for all. Adding an event is a row and a line
(and, for a dated one, a line in ``reminders.py``).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actionplans.models import Action, ActionPlan, PeriodReport, ReportingPeriod
from core.roles import coordinators_all
from notifications import kinds
from notifications.services import notify
from organizations.models import Membership

COORDINATORS = "coordinators"
EDITORS = "editors"  # the active editors of the plan's organization

# code, who hears of it, the message (in the app and the mail), the mail's subject, and the digest line for
# several of the same kind under one plan. Placeholders: plan, organization, and by subject action, period, due
# (an ISO date, shown in the reader's language), comment.
EVENTS = (
    (
        "plan_submitted",
        COORDINATORS,
        _("%(organization)s submitted the plan “%(plan)s” for review."),
        _("Plan submitted for review: %(plan)s"),
        _("Submitted for review (%(count)s times)"),
    ),
    (
        "plan_returned",
        EDITORS,
        _("The plan “%(plan)s” was returned for changes: %(comment)s"),
        _("Plan returned for changes: %(plan)s"),
        _("Returned for changes (%(count)s times)"),
    ),
    (
        "plan_approved",
        EDITORS,
        _("The plan “%(plan)s” was approved."),
        _("Plan approved: %(plan)s"),
        _("Approved (%(count)s times)"),
    ),
    (
        "action_due_soon",
        EDITORS,
        _("The action “%(action)s” is due on %(due)s."),
        _("Due on %(due)s: %(action)s"),
        _("%(count)s actions due within 7 days"),
    ),
    (
        "action_overdue",
        EDITORS,
        _("The action “%(action)s” was due on %(due)s and is not done yet."),
        _("Overdue: %(action)s"),
        _("%(count)s actions overdue"),
    ),
    (
        "report_submitted",
        COORDINATORS,
        _("%(organization)s submitted the report for period %(period)s of “%(plan)s”."),
        _("Report submitted: %(plan)s, period %(period)s"),
        _("%(count)s reports submitted"),
    ),
    (
        "report_sent_back",
        EDITORS,
        _("The report for period %(period)s of “%(plan)s” was sent back: %(comment)s"),
        _("Report sent back: %(plan)s, period %(period)s"),
        _("%(count)s reports sent back"),
    ),
    (
        "report_accepted",
        EDITORS,
        _("The report for period %(period)s of “%(plan)s” was accepted."),
        _("Report accepted: %(plan)s, period %(period)s"),
        _("%(count)s reports accepted"),
    ),
    (
        "report_due_soon",
        EDITORS,
        _("The report for period %(period)s of “%(plan)s” is due on %(due)s."),
        _("Report due on %(due)s: %(plan)s, period %(period)s"),
        _("%(count)s reports due within 7 days"),
    ),
    (
        "report_due_today",
        EDITORS,
        _("The report for period %(period)s of “%(plan)s” is due today, %(due)s."),
        _("Report due today: %(plan)s, period %(period)s"),
        _("%(count)s reports due today"),
    ),
    (
        "report_overdue",
        EDITORS,
        _("The report for period %(period)s of “%(plan)s” was due on %(due)s and has not been submitted."),
        _("Report overdue: %(plan)s, period %(period)s"),
        _("%(count)s reports overdue"),
    ),
    (
        "report_overdue_week",
        EDITORS,
        _("The report for period %(period)s of “%(plan)s” was due on %(due)s, a week ago, and is still missing."),
        _("Report a week overdue: %(plan)s, period %(period)s"),
        _("%(count)s reports a week overdue"),
    ),
)

KINDS = {
    code: kinds.register(kinds.Kind(code, message=message, subject=subject, summary=summary))
    for code, _to, message, subject, summary in EVENTS
}
AUDIENCE = {code: to for code, to, *_texts in EVENTS}
PLAN_SUBMITTED = KINDS["plan_submitted"]


def editors_of(organization_id):
    """The active editors of an organization: the people who act on its plans."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            organization_id=organization_id, role=Membership.Role.EDITOR, user__is_active=True
        ).select_related("user")
    ]


def _about(subject):
    """(plan, what names it once in a key, its page, its params) for a plan, action, period report or period.

    An action or a period is named with its due date, so a reminder comes again only when the date moves; a plan
    or a report with its version, so each new submission or decision is an event of its own.
    """
    if isinstance(subject, ActionPlan):
        return subject, f"{subject.pk}:v{subject.version}", subject.get_absolute_url(), {}
    if isinstance(subject, Action):
        plan = subject.objective.plan
        due = subject.due_date.isoformat()
        return plan, f"{subject.pk}:{due}", plan.get_absolute_url(), {"action": subject.title, "due": due}
    if isinstance(subject, PeriodReport):
        period = subject.period
        return period.plan, f"{subject.pk}:v{subject.version}", period.get_absolute_url(), {"period": period.number}
    if isinstance(subject, ReportingPeriod):
        due = subject.due.isoformat()
        params = {"period": subject.number, "due": due}
        return subject.plan, f"{subject.pk}:{due}", subject.get_absolute_url(), params
    raise TypeError(f"no event is about a {type(subject).__name__}")


def tell(code, subject, *, recipients=None, link=None, **params):
    """Notify the event ``code`` about ``subject`` to its audience (or ``recipients``), once per event and person."""
    plan, name, page, subject_params = _about(subject)
    if recipients is None:
        recipients = coordinators_all() if AUDIENCE[code] == COORDINATORS else editors_of(plan.organization_id)
    return notify(
        recipients=recipients,
        kind=code,
        key=f"{code}:{name}",
        link=link or page,
        params={"plan": plan.title, "organization": plan.organization.name, **subject_params, **params},
        group=plan.organization.name,
        topic=plan.title,
        organization=plan.organization,
    )


def plan_submitted(plan):
    """A plan came in for review: the coordinators hear of it, with a link to the review page."""
    return tell("plan_submitted", plan, link=reverse("actionplans:review", args=[plan.pk]))


def plan_returned(plan, comment):
    """A plan went back to the organization: its editors hear why."""
    return tell("plan_returned", plan, comment=comment[:300])


def plan_approved(plan):
    return tell("plan_approved", plan)


def action_due_soon(action, recipients):
    return tell("action_due_soon", action, recipients=recipients)


def action_overdue(action, recipients):
    return tell("action_overdue", action, recipients=recipients)


def report_submitted(report):
    return tell("report_submitted", report)


def report_sent_back(report, comment):
    return tell("report_sent_back", report, comment=comment[:300])


def report_accepted(report):
    return tell("report_accepted", report)


def period_reminder(code, period, recipients):
    """A report reminder (``report_due_soon``, ``_due_today``, ``_overdue``, ``_overdue_week``) about a period."""
    return tell(code, period, recipients=recipients)
