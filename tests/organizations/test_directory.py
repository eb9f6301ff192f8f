"""The organization directory and profile: coordinators see all, partners only their own profile, read-only."""

import datetime

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind, Region
from sessions_log.models import Attendance, Story, TrainingSession


def coordinator_pages(org):
    return [
        reverse("organizations:list"),
        reverse("organizations:create"),
        reverse("organizations:edit", args=[org.pk]),
        reverse("organizations:add_snapshot", args=[org.pk]),
    ]


def test_coordinators_open_the_directory_and_every_profile(client_for, coordinator, org_a, org_b):
    client = client_for(coordinator)
    for url in [*coordinator_pages(org_a), org_a.get_absolute_url(), org_b.get_absolute_url()]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["partner", "viewer"])
def test_partners_open_their_own_profile_read_only_and_nothing_else(client_for, org_a, org_b, who, request):
    client = client_for(request.getfixturevalue(who))
    own = client.get(org_a.get_absolute_url())
    assert own.status_code == 200
    assert reverse("organizations:add_snapshot", args=[org_a.pk]) not in own.content.decode()
    assert reverse("organizations:edit", args=[org_a.pk]) not in own.content.decode()
    assert client.get(org_b.get_absolute_url()).status_code == 404
    for url in coordinator_pages(org_a):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("organizations:add_snapshot", args=[org_a.pk]), {"as_of": "2024-01-01"}).status_code == 404
    )
    assert not HeadcountSnapshot.objects.exists()


def test_staff_without_a_membership_gets_404_on_every_profile(client_for, staff, org_a):
    client = client_for(staff)
    assert client.get(org_a.get_absolute_url()).status_code == 404
    assert client.get(reverse("organizations:list")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, org_a):
    for url in [*coordinator_pages(org_a), org_a.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def names(client, **query):
    return [o.name for o in client.get(reverse("organizations:list"), query).context["page"]]


def test_the_directory_searches_names_and_filters_by_kind_and_region(client_for, coordinator, org_a, org_b):
    Organization.objects.create(
        name="Osh Research Centre", short_name="ORC", kind=OrganizationKind.RESEARCH, region=Region.OSH
    )
    Organization.objects.create(name="Gone", kind=OrganizationKind.OTHER, is_active=False)
    client = client_for(coordinator)
    assert names(client, q="naryn") == [org_b.name]
    assert names(client, q="orc") == ["Osh Research Centre"]
    assert names(client, kind="research") == ["Osh Research Centre"]
    assert names(client, region="osh") == ["Osh Research Centre", org_a.name]
    assert names(client, is_active="no") == ["Gone"]


def test_the_directory_counts_trainings_and_plans_per_organization(client_for, coordinator, org_a):
    for number in range(2):
        session = TrainingSession.objects.create(title=f"T{number}", start_date="2022-01-01", end_date="2022-01-01")
        Attendance.objects.create(session=session, organization=org_a, women=1)
    for year in (2022, 2023, 2024):
        ActionPlan.objects.create(
            organization=org_a, title="P", period_start=f"{year}-01-01", period_end=f"{year}-12-31"
        )
    row = next(o for o in client_for(coordinator).get(reverse("organizations:list")).context["page"] if o == org_a)
    assert (row.session_count, row.plan_count) == (2, 3)


@pytest.mark.parametrize("rows", [3, 30])
def test_the_directory_costs_the_same_queries_for_3_and_30_organizations(
    client_for, coordinator, rows, django_assert_num_queries
):
    session = TrainingSession.objects.create(title="T", start_date="2022-01-01", end_date="2022-01-01")
    for number in range(rows):
        organization = Organization.objects.create(name=f"Organization {number:02}", kind=OrganizationKind.LOCAL_CSO)
        Attendance.objects.create(session=session, organization=organization, women=1)
        ActionPlan.objects.create(
            organization=organization, title="P", period_start="2022-01-01", period_end="2022-12-31"
        )
    client = client_for(coordinator)
    # session + user + the user's permissions (1: own and group), the directory's stamp, the count, and the page
    # with its two counts, and the bell's unread count.
    with django_assert_num_queries(7):
        client.get(reverse("organizations:list"))
    # Again while nothing changed: the list is drawn from the cache, neither counted nor read, and the permissions
    # come from the cache (3 fewer).
    with django_assert_num_queries(4):
        client.get(reverse("organizations:list"))


@pytest.fixture
def profile_data(org_a, partner):
    session = TrainingSession.objects.create(
        title="Gender mainstreaming in organizations", start_date="2021-11-18", end_date="2021-11-18"
    )
    Attendance.objects.create(session=session, organization=org_a, women=3, men=1, not_stated=1)
    Story.objects.create(session=session, pseudonym="Aigul", text="A secret story", consent_obtained=True)
    ActionPlan.objects.create(
        organization=org_a, title="Our gender action plan", period_start="2022-01-01", period_end="2022-12-31"
    )
    for level, women, men in [(Level.GOVERNING, 1, 4), (Level.ADMINISTRATIVE, 6, 0)]:
        HeadcountSnapshot.objects.create(organization=org_a, as_of="2021-12-01", level=level, women=women, men=men)
    return session


def test_the_profile_shows_contact_members_trainings_plans_and_the_gender_profile(
    client_for, coordinator, org_a, profile_data
):
    org_a.contact_person = "Gulnara Asanova"
    org_a.email = "info@wio.example.org"
    org_a.save()
    html = client_for(coordinator).get(org_a.get_absolute_url()).content.decode()
    assert "Gulnara Asanova" in html and "info@wio.example.org" in html
    assert "Aida Partner" in html and "Editor" in html
    assert "Gender mainstreaming in organizations" in html and profile_data.get_absolute_url() in html
    assert "Our gender action plan" in html
    assert "Governing body" in html and "20.0%" in html  # 1 woman of 5
    assert html.index("Governing body") < html.index("Administrative and support")
    assert "100.0%" in html
    assert "A secret story" not in html


def test_a_partner_sees_their_profile_without_links_to_coordinator_pages(client_for, partner, org_a, profile_data):
    html = client_for(partner).get(org_a.get_absolute_url()).content.decode()
    assert "Gender mainstreaming in organizations" in html
    assert profile_data.get_absolute_url() not in html
    assert "A secret story" not in html
    assert "Our gender action plan" in html


def snapshot_post(as_of="2024-06-30", **counts):
    data = {"as_of": as_of, "source": "Staff records"}
    for key, value in counts.items():
        data[key] = value
    return data


def test_a_coordinator_adds_a_snapshot_for_the_levels_filled_in(client_for, coordinator, org_a):
    data = snapshot_post(
        governing_women=2, governing_men=5, management_women=3, management_men=3, management_not_stated=""
    )
    response = client_for(coordinator).post(reverse("organizations:add_snapshot", args=[org_a.pk]), data, follow=True)
    assert response.redirect_chain[-1][0].startswith(org_a.get_absolute_url())
    rows = {s.level: (s.women, s.men, s.not_stated) for s in HeadcountSnapshot.objects.filter(organization=org_a)}
    assert rows == {"governing": (2, 5, 0), "management": (3, 3, 0)}
    assert HeadcountSnapshot.objects.first().as_of == datetime.date(2024, 6, 30)
    assert "was added" in response.content.decode()


def test_a_snapshot_for_a_date_and_level_already_recorded_is_refused_with_a_clear_error(client_for, coordinator, org_a):
    HeadcountSnapshot.objects.create(organization=org_a, as_of="2024-06-30", level=Level.GOVERNING, women=1, men=1)
    data = snapshot_post(governing_women=2, governing_men=5, participants_women=10)
    response = client_for(coordinator).post(reverse("organizations:add_snapshot", args=[org_a.pk]), data)
    assert response.status_code == 200
    assert "Governing body already has a snapshot on this date." in response.content.decode()
    assert HeadcountSnapshot.objects.count() == 1  # not even the participants' row


def test_the_same_date_and_level_for_another_organization_is_fine(client_for, coordinator, org_a, org_b):
    HeadcountSnapshot.objects.create(organization=org_b, as_of="2024-06-30", level=Level.GOVERNING, women=1, men=1)
    client_for(coordinator).post(
        reverse("organizations:add_snapshot", args=[org_a.pk]), snapshot_post(governing_women=1)
    )
    assert HeadcountSnapshot.objects.filter(organization=org_a).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (snapshot_post(governing_women=-1), "governing_women"),
        (snapshot_post(governing_men="many"), "governing_men"),
        (snapshot_post(as_of="", governing_women=1), "as_of"),
        (snapshot_post(as_of="2024-02-30", governing_women=1), "as_of"),
        (snapshot_post(), "__all__"),
    ],
)
def test_bad_snapshot_input_is_refused_beside_the_field(client_for, coordinator, org_a, data, field):
    response = client_for(coordinator).post(reverse("organizations:add_snapshot", args=[org_a.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not HeadcountSnapshot.objects.exists()


def test_a_coordinator_adds_and_edits_an_organization(client_for, coordinator):
    client = client_for(coordinator)
    client.post(
        reverse("organizations:create"),
        {"name": "Aruu-Jer Foundation", "kind": "local_cso", "region": "talas", "is_active": "on"},
    )
    organization = Organization.objects.get()
    client.post(
        reverse("organizations:edit", args=[organization.pk]),
        {"name": "Aruu-Jer Foundation", "kind": "local_cso", "email": "a@b.kg", "is_active": "on"},
    )
    organization.refresh_from_db()
    assert organization.email == "a@b.kg" and organization.region == ""


def test_an_organization_with_a_name_already_in_the_directory_is_refused(client_for, coordinator, org_a):
    response = client_for(coordinator).post(
        reverse("organizations:create"), {"name": org_a.name.lower(), "kind": "other"}
    )
    assert response.status_code == 200
    assert "already in the directory" in response.content.decode()
    assert Organization.objects.count() == 1


def test_an_organizations_working_language_is_set_in_its_form(client_for, coordinator, org_a):
    assert org_a.language == "en"  # the default
    data = {"name": org_a.name, "kind": org_a.kind, "language": "ru", "is_active": "on"}
    client_for(coordinator).post(reverse("organizations:edit", args=[org_a.pk]), data)
    org_a.refresh_from_db()
    assert org_a.language == "ru"
