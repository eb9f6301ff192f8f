"""The world the sweeps run in: the demo data, organization A with an object of every kind, and the cast.

The cast is the one of tests/conftest.py, on the demo's people where they exist:

| role | who |
|---|---|
| ``coordinator`` | the demo's coordinator (Coordinators group) |
| ``partner`` | editor of organization A (the demo's ``partner2``, Naryn city hall, whose plan reports by period) |
| ``viewer`` | viewer of organization A |
| ``partner_b`` | editor of organization B (the demo's ``partner``, Aruu-Jer) |
| ``staff`` | staff without any permission |
| ``admin`` | superuser (the demo's ``admin``) |
| ``anonymous`` | nobody signed in |

`objects()` gives organization A's ids that fill the URL patterns: a plan in every status, its action, indicator,
measurement, evidence, reporting periods and reports, its members, an invitation, a notification, an API token and
an export of its editor, its self-assessments (validated, submitted, a draft with an evidence file), and what
belongs to no organization (a training, a topic, a question and a suggestion of the self-assessment).
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Invitation, InvitationRole, token_digest
from actionplans.models import ActionPlan, Evidence, Indicator, Measurement, PeriodReport, ProgressUpdate
from actionplans.services import evidence_store
from api.services import token_create
from assessments.models import Answer, Assessment, Question, Suggestion
from demo.data import demo_load
from exports.models import ExportJob
from notifications.models import Notification
from organizations.models import HeadcountSnapshot, Membership, Organization, User
from sessions_log.models import DiscussionTopic, TrainingSession
from tests.actionplans.conftest import make_plan, minimal_pdf
from tests.conftest import PASSWORD

ROLES = ["coordinator", "partner", "viewer", "partner_b", "staff", "admin", "anonymous"]
INVITATION_TOKEN = "sweep-invitation-of-a"
MISSING = 999999  # an id no row has: outsiders must get the same answer for it as for A's rows


@dataclass
class World:
    users: dict
    ids: dict  # URL keyword → organization A's value, per kind of object (see `objects`)


def world_build():
    """Load the demo, give organization A a plan in every status and an object of every kind; return the cast."""
    demo_load(password=PASSWORD)
    partner = User.objects.get(username="partner2")
    org_a = partner.memberships.get().organization
    partner_b = User.objects.get(username="partner")
    viewer = User.objects.create_user("viewer", password=PASSWORD, email="viewer@example.org")
    membership = Membership.objects.create(user=viewer, organization=org_a, role=Membership.Role.VIEWER)
    staff = User.objects.create_user("staff", password=PASSWORD, email="staff@example.org", is_staff=True)
    coordinator = User.objects.get(username="coordinator")

    approved = ActionPlan.objects.get(organization=org_a, status=ActionPlan.Status.APPROVED)
    plans = {status: make_plan(org_a, title=f"Plan of A ({status})", status=status) for status in ActionPlan.Status}
    plans[ActionPlan.Status.APPROVED] = approved
    # The demo's completed plan has a report in every status: it becomes A's too.
    completed = ActionPlan.objects.filter(status=ActionPlan.Status.COMPLETED, reporting_periods__isnull=False).first()
    ActionPlan.objects.filter(pk=completed.pk).update(organization=org_a)
    update = ProgressUpdate.objects.filter(plan=approved).first() or ProgressUpdate.objects.create(
        plan=approved, narrative="Started"
    )
    evidence = evidence_store(
        update=update, upload=SimpleUploadedFile("minutes.pdf", minimal_pdf()), content_type="application/pdf"
    )
    now = timezone.now()
    invitation = Invitation.objects.create(
        organization=org_a,
        email="new.colleague@example.org",
        role=InvitationRole.EDITOR,
        language="en",
        token_hash=token_digest(INVITATION_TOKEN),
        invited_by=coordinator,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=7),
    )
    notification = Notification.objects.create(
        recipient=partner, kind="plan_approved", link=approved.get_absolute_url(), organization=org_a
    )
    token, raw_token = token_create(user=partner, name="sweep", expires_at=now + datetime.timedelta(days=30))
    indicator = Indicator.objects.filter(objective__plan=approved).order_by("pk").first()
    # A's self-assessments: the demo's validated and submitted ones, and a draft with an evidence file.
    assessments = org_a.assessments.order_by("year")
    draft = Assessment.objects.create(organization=org_a, year=assessments.first().year - 1)
    answer = Answer.objects.create(assessment=draft, question=Question.objects.order_by("pk").first(), level=1)
    answer.evidence.save("policy.pdf", SimpleUploadedFile("policy.pdf", minimal_pdf()))
    answer.evidence_name, answer.evidence_type = "policy.pdf", "application/pdf"
    answer.save()
    # An export A's editor asked for (the download is its owner's only).
    export = ExportJob.objects.create(
        user=partner, title="Action plan progress", filename="progress.csv", file_format="csv",
        status=ExportJob.Status.READY, rows=1,
    )  # fmt: skip
    export.file.save("progress.csv", SimpleUploadedFile("progress.csv", b"plan\n"))
    users = {
        "coordinator": coordinator,
        "partner": partner,
        "viewer": viewer,
        "partner_b": partner_b,
        "staff": staff,
        "admin": User.objects.get(username="admin"),
        "anonymous": None,
    }
    ids = {
        "organization": org_a.pk,
        "plan": approved.pk,
        **{f"plan_{status}": plan.pk for status, plan in plans.items()},
        "plan_completed": completed.pk,
        "action": approved.objectives.first().actions.order_by("pk").first().pk,
        "indicator": indicator.pk,
        "measurement": Measurement.objects.filter(indicator__objective__plan=approved).order_by("pk").first().pk,
        "evidence": evidence.pk,
        "headcount": HeadcountSnapshot.objects.filter(organization=org_a).order_by("pk").first().pk,
        "period": approved.reporting_periods.order_by("number").first().pk,
        "period_report": PeriodReport.objects.filter(period__plan=approved).order_by("pk").first().pk,
        "membership": membership.pk,
        "invitation": invitation.pk,
        "invitation_token": INVITATION_TOKEN,
        "notification": notification.pk,
        "token": token.pk,
        "token_raw": raw_token,
        "session": TrainingSession.objects.get(title="Gender mainstreaming in organizations").pk,
        "topic": DiscussionTopic.objects.order_by("pk").first().pk,
        "assessment": assessments.filter(status=Assessment.Status.VALIDATED).last().pk,
        "assessment_submitted": assessments.get(status=Assessment.Status.SUBMITTED).pk,
        "assessment_draft": draft.pk,
        "answer": answer.pk,
        "question": Question.objects.order_by("pk").first().pk,
        "suggestion": Suggestion.objects.filter(is_active=True).order_by("pk").first().pk,
        "export": str(export.pk),
        "org_b": partner_b.memberships.get().organization.pk,
        "organization_type": ContentType.objects.get_for_model(Organization).pk,
    }
    assert Organization.objects.get(pk=ids["org_b"]) != org_a
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    return World(users=users, ids=ids)
