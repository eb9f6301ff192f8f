"""The directory and the profiles are drawn once per stamp `directory` and reused: a write through the pages shows
on the next visit, each kind of reader gets their own page from a warm cache, and a visit in another language is in
that language (issue 16)."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from organizations.models import HeadcountSnapshot, Level, Membership, Organization, OrganizationKind
from sessions_log.models import Attendance, TrainingSession
from tests.conftest import make_user

LIST = "/organizations/"


def main(response):
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_an_organization_added_through_its_page_is_listed_on_the_next_visit(client_for, coordinator, org_a):
    client = client_for(coordinator)
    assert "Aruu-Jer Foundation" not in main(client.get(LIST))
    client.post(
        reverse("organizations:create"), {"name": "Aruu-Jer Foundation", "kind": "local_cso", "is_active": "on"}
    )
    assert "Aruu-Jer Foundation" in main(client.get(LIST))


def test_a_renamed_organization_shows_renamed_on_the_list_and_its_profile(client_for, coordinator, org_a):
    client = client_for(coordinator)
    client.get(LIST), client.get(org_a.get_absolute_url())  # both in the cache
    data = {"name": "Renamed Women's Council", "kind": org_a.kind, "is_active": "on"}
    client.post(reverse("organizations:edit", args=[org_a.pk]), data)
    assert "Renamed Women&#x27;s Council" in main(client.get(LIST))
    assert "Renamed Women&#x27;s Council" in main(client.get(org_a.get_absolute_url()))


def test_each_filter_and_page_of_the_list_is_its_own_entry(client_for, coordinator, org_a, org_b):
    client = client_for(coordinator)
    assert org_b.name in main(client.get(LIST))
    filtered = main(client.get(LIST, {"q": "osh"}))
    assert org_a.get_absolute_url() in filtered and org_b.name not in filtered
    assert 'value="osh"' in filtered  # the search box keeps the words searched


def test_a_russian_visit_after_an_english_one_is_in_russian(client_for, coordinator, org_a):
    client = client_for(coordinator)
    assert "Add an organization" in client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    russian = client.get(LIST, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Add an organization" not in russian and "Организации" in main(client.get(LIST, HTTP_ACCEPT_LANGUAGE="ru"))
    profile = main(client.get(org_a.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru"))
    assert "Контакт" in profile or "Контактное лицо" in profile


@pytest.fixture
def notes(org_a):
    org_a.notes = "Coordinators' own notes"
    org_a.save()


def test_a_partner_after_a_coordinator_gets_the_profile_without_coordinators_links_and_notes(
    client_for, coordinator, partner, org_a, notes
):
    edit = reverse("organizations:edit", args=[org_a.pk])
    coordinators = main(client_for(coordinator).get(org_a.get_absolute_url()))
    assert edit in coordinators and "Coordinators&#x27; own notes" in coordinators
    partners = main(client_for(partner).get(org_a.get_absolute_url()))
    assert edit not in partners and "own notes" not in partners


def test_a_coordinator_after_a_partner_gets_the_coordinators_profile(client_for, coordinator, viewer, org_a, notes):
    assert "own notes" not in main(client_for(viewer).get(org_a.get_absolute_url()))
    coordinators = main(client_for(coordinator).get(org_a.get_absolute_url()))
    assert reverse("organizations:edit", args=[org_a.pk]) in coordinators and "own notes" in coordinators


def test_partners_of_two_organizations_each_get_their_own_profile(client_for, partner, partner_b, org_a, org_b):
    assert "WIO" in main(client_for(partner).get(org_a.get_absolute_url()))
    assert client_for(partner).get(org_b.get_absolute_url()).status_code == 404
    theirs = main(client_for(partner_b).get(org_b.get_absolute_url()))
    assert org_b.name in theirs and "WIO" not in theirs


def test_a_snapshot_added_through_the_page_shows_on_the_next_visit(client_for, coordinator, partner, org_a):
    """The snapshots are written in bulk (no signal): the service renews the stamp itself."""
    assert "Governing body" not in main(client_for(partner).get(org_a.get_absolute_url()))
    response = client_for(coordinator).post(
        reverse("organizations:add_snapshot", args=[org_a.pk]),
        {"as_of": "2024-06-30", "source": "", "governing_women": 2, "governing_men": 3},
    )
    assert response.status_code == 302
    profile = main(client_for(partner).get(org_a.get_absolute_url()))
    assert "Governing body" in profile and "40.0%" in profile


def test_a_plan_approved_and_a_member_ended_show_on_the_next_visit(client_for, coordinator, partner, viewer, org_a):
    plan = ActionPlan.objects.create(organization=org_a, title="P", period_start="2026-01-01", period_end="2026-12-31")
    client = client_for(coordinator)
    assert "Draft" in main(client.get(org_a.get_absolute_url()))
    assert viewer.username in main(client.get(org_a.get_absolute_url()))
    plan.status = ActionPlan.Status.APPROVED
    plan.save()
    Membership.objects.get(user=viewer).delete()
    profile = main(client.get(org_a.get_absolute_url()))
    assert "Approved" in profile and viewer.username not in profile


def seed(organization, rows):
    """``rows`` trainings attended, plans, members and snapshot dates for the organization."""
    for number in range(rows):
        session = TrainingSession.objects.create(title=f"T{number}", start_date="2022-01-01", end_date="2022-01-01")
        Attendance.objects.create(session=session, organization=organization, women=1)
        ActionPlan.objects.create(
            organization=organization, title=f"P{number}", period_start=f"{2000 + number}-01-01",
            period_end=f"{2000 + number}-12-31",
        )  # fmt: skip
        member = make_user(f"member{number}")
        Membership.objects.create(user=member, organization=organization, role=Membership.Role.VIEWER)
        HeadcountSnapshot.objects.create(
            organization=organization, as_of=f"{2000 + number}-01-01", level=Level.MANAGEMENT, women=1, men=1
        )
    Organization.objects.create(name="Another", kind=OrganizationKind.OTHER)


@pytest.mark.parametrize("rows", [1, 8])
@pytest.mark.parametrize("who", ["coordinator", "partner"])
def test_the_profile_costs_the_same_queries_for_1_and_8_rows_and_reads_none_of_them_from_the_cache(
    client_for, org_a, rows, who, request, django_assert_num_queries
):
    seed(org_a, rows)
    client = client_for(request.getfixturevalue(who))
    # session + user + permissions (1), the organization (for a partner with their memberships as a subquery), the
    # directory's stamp, then one query each for members, trainings attended, plans and snapshots, and the bell.
    with django_assert_num_queries(10):
        client.get(org_a.get_absolute_url())
    # Again while nothing changed: the profile's rows and the permissions come from the cache (5 fewer).
    with django_assert_num_queries(5):
        client.get(org_a.get_absolute_url())
