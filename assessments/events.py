"""What the self-assessment tells people: submitted (the coordinators) and validated (the organization's editors)."""

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
