"""The dashboard's figures are cached per year and renewed by any write they count; the women-in-management chart
shows the first organizations and links to its full table (issue 16 §2)."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from organizations.models import HeadcountSnapshot, Level, Organization
from sessions_log.models import Attendance, TrainingSession

TABLE = "/dashboard/decision-making/"


def test_the_url_of_the_full_table():
    assert reverse("dashboard:decision_making") == TABLE


def test_a_new_attendance_shows_on_the_next_visit(programme, client_for, coordinator, org_c):
    client = client_for(coordinator)
    before = client.get("/", {"year": "2025"}).context["figures"].reach_year.participants
    session = TrainingSession.objects.filter(start_date__year=2025, status="held").order_by("pk").first()

    Attendance.objects.create(session=session, organization=org_c, women=4, men=1)

    assert client.get("/", {"year": "2025"}).context["figures"].reach_year.participants == before + 5


def test_a_deleted_training_leaves_the_figures_at_once(programme, client_for, coordinator):
    client = client_for(coordinator)
    before = client.get("/", {"year": "all"}).context["figures"].reach_total.sessions

    TrainingSession.objects.filter(status="held").order_by("pk").first().delete()

    assert client.get("/", {"year": "all"}).context["figures"].reach_total.sessions == before - 1


def _main(response):
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_a_write_that_is_rolled_back_keeps_the_cached_page(programme, client_for, coordinator, org_c):
    client = client_for(coordinator)
    before = _main(client.get("/", {"year": "all"}))
    try:
        with transaction.atomic():
            HeadcountSnapshot.objects.create(organization=org_c, as_of="2026-01-01", level=Level.MANAGEMENT, women=9)
            raise RuntimeError
    except RuntimeError:
        pass

    again = client.get("/", {"year": "all"})
    assert "figures" not in again.context  # drawn from the cache: nothing was computed
    assert _main(again) == before


def test_what_needs_me_follows_a_membership_ended(client_for, coordinator, org_a, partner):
    """The home page is cached whole, its lists of what needs doing with it: ending the only editor's membership
    renews the stamp, so the organization is listed as having a plan and no editor on the next visit."""
    from actionplans.models import ActionPlan
    from organizations.models import Membership

    ActionPlan.objects.create(organization=org_a, title="Plan", period_start="2026-01-01", period_end="2026-12-31")
    heading = "Organizations with a plan but no editor"
    client = client_for(coordinator)
    assert heading not in _main(client.get("/"))
    Membership.objects.get(user=partner, organization=org_a).delete()
    section = _main(client.get("/"))
    assert heading in section and f"/organizations/{org_a.pk}/" in section[section.index(heading) :]


def test_a_superusers_home_is_not_shown_to_a_coordinator(client_for, coordinator, admin_user):
    """Superusers see coordinators' invitations among what needs doing; a coordinator reading the home page after
    them gets a page of their own, not the superuser's from the cache."""
    import datetime as dt

    from django.utils import timezone

    from accounts.models import Invitation

    Invitation.objects.create(
        email="next-coordinator@example.org", role="coordinator", language="en", token_hash="c" * 64,
        invited_by=admin_user, sent_at=timezone.now(), expires_at=timezone.now() + dt.timedelta(days=7),
    )  # fmt: skip
    assert "next-coordinator@example.org" in _main(client_for(admin_user).get("/"))
    assert "next-coordinator@example.org" not in _main(client_for(coordinator).get("/"))


@pytest.fixture
def twenty_organizations(db):
    for number in range(20):
        organization = Organization.objects.create(name=f"Council {number:02}")
        HeadcountSnapshot.objects.create(
            organization=organization, as_of=datetime.date(2025, 1, 1), level=Level.MANAGEMENT, women=number, men=20
        )


def test_the_chart_shows_12_organizations_and_links_to_the_full_table(twenty_organizations, client_for, coordinator):
    page = client_for(coordinator).get("/").content.decode()
    decision = page.split('id="chart-decision-heading"')[1].split("</section>")[0]

    assert decision.count('<g class="dumbbell">') == 12
    assert decision.count('<tr><th scope="row"') == 12
    assert f'<a href="{TABLE}">All 20 organizations in a table</a>' in decision


def test_the_full_table_lists_every_organization_highest_share_first(twenty_organizations, client_for, staff):
    response = client_for(staff).get(TABLE)

    assert response.status_code == 200
    names = [item.organization for item in response.context["rows"]]
    assert names[0] == "Council 19" and names[-1] == "Council 00" and len(names) == 20


@pytest.mark.parametrize("who", ["partner", "viewer", "partner_b"])
def test_partners_get_404_for_the_full_table(client_for, who, request):
    assert client_for(request.getfixturevalue(who)).get(TABLE).status_code == 404


def test_staff_without_the_dashboard_permission_get_404_for_the_full_table(client_for, db):
    from tests.conftest import make_user

    assert client_for(make_user("bare_staff", is_staff=True)).get(TABLE).status_code == 404


def test_the_full_table_sends_someone_signed_out_to_sign_in(client, db):
    response = client.get(TABLE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_self_assessment_distribution_is_cached_and_renewed_by_assessments(client_for, coordinator, org_a):
    from assessments.models import Assessment
    from tests.assessments.conftest import make_assessment, make_questions

    questions = make_questions(per_area=1)
    make_assessment(org_a, year=2024, levels=1, questions=questions)
    client = client_for(coordinator)
    before = client.get("/").context["assessment_areas"][0]
    assert (before.organizations, before.counts["developing"]) == (1, 1)

    submitted = make_assessment(org_a, year=2025, levels=3, questions=questions, status=Assessment.Status.SUBMITTED)
    assert client.get("/").context["assessment_areas"][0].counts["leading"] == 0  # not validated: not counted
    submitted.status = Assessment.Status.VALIDATED
    submitted.save()

    after = client.get("/").context["assessment_areas"][0]
    assert (after.counts["developing"], after.counts["leading"], after.compared) == (0, 1, 1)


def test_the_cached_distribution_names_the_areas_in_the_readers_language(coordinator, org_a):
    from django.utils import timezone, translation

    from dashboard.services import dashboard_page_cached
    from tests.assessments.conftest import make_assessment, make_questions

    make_assessment(org_a, levels=2, questions=make_questions(per_area=1))
    today = timezone.localdate()
    names = {}
    for language in ("en", "ru", "en"):
        with translation.override(language):
            _figures, areas = dashboard_page_cached(fetched_by=coordinator, year=today.year, today=today)
            names.setdefault(language, set()).add(areas[0].label)
    assert len(names["en"]) == 1 and names["en"] != names["ru"]


def test_the_full_table_follows_a_snapshot_added_through_the_profile(twenty_organizations, client_for, coordinator):
    """Snapshots are written in bulk (no signal): the service renews the stamps of the pages showing them."""
    client = client_for(coordinator)
    assert "Council 00" in client.get(TABLE).content.decode()
    council = Organization.objects.get(name="Council 00")
    client.post(
        reverse("organizations:add_snapshot", args=[council.pk]),
        {"as_of": "2025-06-01", "source": "", "management_women": 20, "management_men": 0},
    )
    rows = client.get(TABLE).context["rows"]
    assert rows[0].organization == "Council 00" and rows[0].latest_share == 100


def test_the_full_table_keeps_each_readers_way_back_and_language(twenty_organizations, client_for, coordinator, staff):
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    assert '<a href="/">' in client_for(coordinator).get(TABLE).content.decode()
    assert '<a href="/dashboard/">' in client_for(staff).get(TABLE).content.decode()
    russian = client_for(staff).get(TABLE, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Baseline" not in russian and '<a href="/dashboard/">' in russian
