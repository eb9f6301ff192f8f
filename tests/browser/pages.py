"""Every page of the app, for every role, on the demo data: one inventory for the sweeps that visit them all.

`pages_by_role()` lists the URLs each role opens (HTML pages a person reads; downloads and POST-only URLs are in
`NOT_PAGES` with the reason). `test_every_page_is_in_the_inventory` fails when a new URL pattern is in neither,
so a new page cannot escape the accessibility and layout sweeps.
"""

from datetime import timedelta

from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from accounts.models import Invitation, InvitationRole, token_digest
from actionplans.models import ActionPlan
from assessments.models import Assessment, Question, Suggestion
from exports.models import ExportJob
from organizations.models import Membership, Organization, User
from sessions_log.models import DiscussionTopic, TrainingSession
from tests.conftest import PASSWORD

# The roles of the inventory (``pages_by_role``'s keys), in the order the sweeps walk them.
ROLES = ["coordinator", "partner", "partner2", "viewer", "admin", "anonymous"]
# Pages whose right answer is not 200.
EXPECTED_STATUS = {"/accounts/invitations/not-a-token/": 404}
INVITATION_TOKEN = "sweep-invitation-token"

# URL names that are not pages to read, and why.
NOT_PAGES = {
    "healthz": "monitoring probe, plain text",
    "logout": "POST only",
    "set_language": "POST only",
    "sessions_log:topic_toggle": "POST only",
    "sessions_log:topic_delete": "POST only",
    "actionplans:submit": "POST only",
    "actionplans:action_status": "POST only",
    "actionplans:pdf": "a PDF download",
    "actionplans:evidence": "a file download",
    "actionplans:period_targets": "POST only (its form is on the schedule page)",
    "actionplans:report_review": "POST only (its form is on the report page)",
    "actionplans:report_reopen": "POST only (its form is on the report page)",
    "actionplans:report_pdf": "a PDF download",
    "ping": "the benchmark's trivial view, plain text",
    "organizations:lookup": "JSON for the organization picker (tests/organizations/test_pickers.py)",
    "sessions_log:lookup": "JSON for the training picker (tests/organizations/test_pickers.py)",
    "sessions_log:topic_lookup": "JSON for the topic picker (tests/sessions_log/test_edit_page_weight.py)",
    "sessions_log:pdf": "a PDF download",
    "report_download": "a CSV or XLSX download",
    "exports:download": "a file download (My exports lists it)",
    "notifications:open": "POST only (marks it read, then goes to its page)",
    "notifications:read_all": "POST only",
    "accounts:invitation_resend": "POST only",
    "accounts:invitation_revoke": "POST only",
    "accounts:membership_role": "POST only (its confirm page is the one of accounts:membership_end)",
    "accounts:two_factor_remove": "POST only",
    "accounts:two_factor_recovery_codes": "shown once, right after set-up (tests/browser/test_two_factor.py opens it)",
    "assessments:start": "POST only (its form is on the self-assessment list)",
    "assessments:submit": "POST only (the editor's own button submits too)",
    "assessments:question_toggle": "POST only",
    "assessments:suggestion_toggle": "POST only",
    "assessments:take": "POST only (its buttons are on the suggestions page)",
    "assessments:evidence": "a file download",
}


def _plan(status):
    return ActionPlan.objects.filter(status=status).order_by("pk").first()


def pages_by_role():
    """{username or "anonymous": [url, ...]} on the demo data (demo_load must have run)."""
    session = TrainingSession.objects.get(title="Gender mainstreaming in organizations")
    organization = Organization.objects.order_by("pk").first()
    topic = DiscussionTopic.objects.order_by("pk").first()
    plans = [plan for status in ActionPlan.Status if (plan := _plan(status))]
    submitted = _plan(ActionPlan.Status.SUBMITTED)

    partner = User.objects.get(username="partner")
    partner_org = partner.memberships.get().organization
    partner_plan = ActionPlan.objects.filter(organization=partner_org).order_by("pk").first()
    partner2 = User.objects.get(username="partner2")
    partner2_org = partner2.memberships.get().organization
    approved = ActionPlan.objects.filter(organization=partner2_org, status=ActionPlan.Status.APPROVED).get()
    indicator = approved.objectives.first().indicators.order_by("pk").first()
    # The demo's plans that report by period: every report status is among them.
    reporting = ActionPlan.objects.filter(reporting_periods__isnull=False).distinct().order_by("pk")

    submitted_assessment = Assessment.objects.filter(status=Assessment.Status.SUBMITTED).order_by("pk").first()
    validated_assessment = Assessment.objects.filter(status=Assessment.Status.VALIDATED).order_by("-year", "pk").first()
    coordinator = [
        "/",
        "/dashboard/decision-making/",
        "/assessments/",
        validated_assessment.get_absolute_url(),
        f"{submitted_assessment.get_absolute_url()}validate/",
        "/assessments/questions/",
        "/assessments/questions/new/",
        f"/assessments/questions/{Question.objects.order_by('pk').first().pk}/edit/",
        "/assessments/library/",
        "/assessments/library/new/",
        f"/assessments/library/{Suggestion.objects.order_by('pk').first().pk}/edit/",
        "/sessions/",
        "/sessions/new/",
        session.get_absolute_url(),
        f"{session.get_absolute_url()}edit/",
        f"{session.get_absolute_url()}launch-plans/",
        f"{session.get_absolute_url()}print/",
        f"{session.get_absolute_url()}print/?stories=1",
        "/topics/",
        "/topics/new/",
        f"/topics/{topic.pk}/edit/",
        "/organizations/",
        "/organizations/new/",
        organization.get_absolute_url(),
        f"{organization.get_absolute_url()}edit/",
        f"{organization.get_absolute_url()}snapshots/new/",
        "/plans/",
        *[plan.get_absolute_url() for plan in plans],
        f"{submitted.get_absolute_url()}review/",
        f"{_plan(ActionPlan.Status.COMPLETED).get_absolute_url()}restore/",
        f"{approved.get_absolute_url()}archive/",
        f"{approved.get_absolute_url()}complete/",
        f"{submitted.get_absolute_url()}print/",
        "/reports/",
        "/reports/?year=abc",  # a filter value that is not a choice: said beside the filter
        f"{approved.get_absolute_url()}schedule/",
        *[f"{plan.get_absolute_url()}reports/{number}/" for plan in reporting for number in (1, 4)],
        f"{approved.get_absolute_url()}reports/1/print/",
        "/accounts/password_change/",
        "/accounts/password_change/done/",
        "/notifications/",
        "/notifications/settings/",
        f"{partner_org.get_absolute_url()}members/",
        f"{partner_org.get_absolute_url()}members/{partner.memberships.get().pk}/end/",
        "/accounts/two-factor/",
        "/accounts/two-factor/setup/",
        "/accounts/two-factor/verify/",
    ]
    partner_pages = [
        "/",
        "/plans/",
        partner_plan.get_absolute_url(),
        f"{partner_plan.get_absolute_url()}edit/",
        f"{partner_plan.get_absolute_url()}print/",
        partner_org.get_absolute_url(),
        "/api/tokens/",
        "/exports/",
        "/assessments/",
        *[assessment.get_absolute_url() for assessment in partner_org.assessments.order_by("year")],
        *[
            f"{assessment.get_absolute_url()}edit/"
            for assessment in partner_org.assessments.filter(status=Assessment.Status.DRAFT)
        ],
        f"/assessments/plans/{partner_plan.pk}/suggestions/",
    ]
    # A viewer of the partner's organization: the same pages read-only (no edit, submit or report buttons).
    viewer = User.objects.filter(username="viewer").first() or User.objects.create_user(
        username="viewer", password=PASSWORD, email="viewer@example.org", first_name="Viewer", last_name="Demo"
    )
    Membership.objects.get_or_create(user=viewer, organization=partner_org, defaults={"role": Membership.Role.VIEWER})
    viewer_pages = [
        "/",
        "/plans/",
        partner_plan.get_absolute_url(),
        f"{partner_plan.get_absolute_url()}print/",
        partner_org.get_absolute_url(),
        "/assessments/",
        *[assessment.get_absolute_url() for assessment in partner_org.assessments.order_by("year")],
        "/notifications/",
    ]
    partner2_pages = [
        "/",
        "/assessments/",
        *[assessment.get_absolute_url() for assessment in partner2_org.assessments.order_by("year")],
        "/notifications/",
        "/notifications/?show=unread",
        approved.get_absolute_url(),
        f"{approved.get_absolute_url()}progress/new/",
        f"{approved.get_absolute_url()}indicators/{indicator.pk}/measurements/new/",
        *[f"{approved.get_absolute_url()}reports/{number}/{page}" for number in (1, 3, 4) for page in ("", "edit/")],
    ]
    admin_pages = ["/dashboard/", "/admin/", "/admin/reports/", "/accounts/invitations/", "/exports/"]
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="admin")
    # "My exports" with one export of each status (the list of an empty page is swept with the partner's).
    for status in ExportJob.Status:
        ExportJob.objects.get_or_create(
            user=request.user,
            title=f"Action plan progress ({status.label})",
            defaults={"filename": "action-plan-progress.xlsx", "file_format": "xlsx", "status": status, "rows": 12},
        )
    for model, model_admin in site._registry.items():
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        admin_pages.append(base)
        if model_admin.has_add_permission(request):
            admin_pages.append(f"{base}add/")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            admin_pages.append(f"{base}{first.pk}/change/")
        if hasattr(model_admin, "import_action") and getattr(model_admin, "resource_classes", None):
            admin_pages.append(f"{base}import/")
        if hasattr(model_admin, "export_action"):
            admin_pages.append(f"{base}export/")
    now = timezone.now()
    Invitation.objects.get_or_create(
        token_hash=token_digest(INVITATION_TOKEN),
        defaults={
            "organization": partner_org,
            "email": "new.colleague@example.org",
            "role": InvitationRole.EDITOR,
            "language": "ru",
            "sent_at": now,
            "expires_at": now + timedelta(days=7),
        },
    )
    anonymous = [
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/not-a-token/",
        "/accounts/reset/done/",
        "/accounts/invitations/not-a-token/",
        f"/accounts/invitations/{INVITATION_TOKEN}/",
    ]
    return {
        "coordinator": coordinator,
        "partner": partner_pages,
        "partner2": partner2_pages,
        "viewer": viewer_pages,
        "admin": admin_pages,
        "anonymous": anonymous,
    }


def url_names(resolver=None, namespace=""):
    """Every named URL pattern outside the admin, as "namespace:name"."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def covered_names(inventory):
    return {resolve(url.split("?")[0]).view_name for urls in inventory.values() for url in urls}


# The REST API answers JSON (tests/api/ and .ci/api-check); its documentation is Swagger UI, a vendored third-party
# page. Its one page for people, the API tokens page, is swept above.
NOT_PAGES.update(
    {name: "REST API: JSON, the schema or Swagger UI" for name in url_names() if name.startswith("api:")}
    | {"api:tokens": None}
)
NOT_PAGES.pop("api:tokens")
