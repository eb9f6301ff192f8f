"""What the self-assessment tells people: submitted (the coordinators), validated and due again (the organization's
editors)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actionplans.events import editors_of
from core.roles import coordinators_all
from notifications import kinds
from notifications.services import notify

ASSESSMENT_SUBMITTED = kinds.register(
    kinds.Kind(
        "assessment_submitted",
        message=_("%(organization)s submitted its gender self-assessment %(year)s."),
        subject=_("Self-assessment submitted: %(organization)s, %(year)s"),
        summary=_("%(count)s self-assessments submitted"),
    )
)
ASSESSMENT_VALIDATED = kinds.register(
    kinds.Kind(
        "assessment_validated",
        message=_("The gender self-assessment %(year)s was validated."),
        subject=_("Self-assessment validated: %(year)s"),
        summary=_("%(count)s self-assessments validated"),
    )
)
ASSESSMENT_DUE = kinds.register(
    kinds.Kind(
        "assessment_due",
        message=_("The yearly gender self-assessment of %(organization)s is due on %(due)s."),
        subject=_("Self-assessment due: %(organization)s, %(due)s"),
        summary=_("%(count)s yearly self-assessments due"),
    )
)


def _notify(assessment, *, kind, recipients, link):
    return notify(
        recipients=recipients,
        kind=kind.code,
        key=f"{kind.code}:{assessment.pk}:v{assessment.version}",
        link=link,
        params={"organization": assessment.organization.name, "year": str(assessment.year)},
        group=assessment.organization.name,
        topic=str(_("Gender self-assessment")),
        organization=assessment.organization,
    )


def assessment_submitted(assessment):
    """An assessment came in for validation: the coordinators hear of it."""
    link = f"/assessments/{assessment.pk}/validate/"
    return _notify(assessment, kind=ASSESSMENT_SUBMITTED, recipients=coordinators_all(), link=link)


def assessment_validated(assessment):
    """An assessment was validated: the organization's editors hear of it."""
    return _notify(
        assessment,
        kind=ASSESSMENT_VALIDATED,
        recipients=editors_of(assessment.organization_id),
        link=assessment.get_absolute_url(),
    )


def assessment_due(item):
    """An organization's yearly re-assessment comes due (a reassessment.ReassessmentDue): its editors hear of it once
    per organization and date."""
    organization = item.organization
    return notify(
        recipients=editors_of(organization.pk),
        kind=ASSESSMENT_DUE.code,
        key=f"{ASSESSMENT_DUE.code}:{organization.pk}:{item.due.isoformat()}",
        link=reverse("assessments:list"),
        params={"organization": organization.name, "due": item.due.isoformat()},
        group=organization.name,
        topic=str(_("Gender self-assessment")),
        organization=organization,
    )
