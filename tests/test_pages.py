from unittest import mock

from django.db import DatabaseError
from django.urls import reverse

from actionplans.models import ActionPlan
from tests.conftest import PASSWORD


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_anonymous_home_redirects_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_with_the_right_password_reaches_home(client, partner):
    response = client.post("/accounts/login/", {"username": "partner", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == partner


def test_sign_in_with_a_wrong_password_says_so_and_stays_signed_out(client, partner):
    response = client.post("/accounts/login/", {"username": "partner", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, partner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "partner", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "partner", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(client_for, partner):
    client = client_for(partner)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_coordinator_home_shows_recent_plans_of_every_organization(client_for, coordinator, org_a, org_b):
    ActionPlan.objects.create(organization=org_a, title="Plan A", period_start="2026-01-01", period_end="2026-12-31")
    ActionPlan.objects.create(organization=org_b, title="Plan B", period_start="2026-01-01", period_end="2026-12-31")
    page = client_for(coordinator).get("/").content.decode()
    assert "Plan A" in page and "Plan B" in page
    assert reverse("sessions_log:list") in page  # coordinators get the trainings menu


def test_partner_home_shows_only_their_organizations_plans(client_for, partner, org_a, org_b):
    ActionPlan.objects.create(organization=org_a, title="Plan A", period_start="2026-01-01", period_end="2026-12-31")
    ActionPlan.objects.create(organization=org_b, title="Plan B", period_start="2026-01-01", period_end="2026-12-31")
    page = client_for(partner).get("/").content.decode()
    assert "Plan A" in page
    assert "Plan B" not in page
    assert reverse("sessions_log:list") not in page
    assert reverse("admin:index") not in page


def test_a_missing_page_is_a_friendly_404_with_the_menu(client_for, partner):
    response = client_for(partner).get("/plans/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Sign out" in page  # the normal header, so the person can find their way back


def test_a_read_only_partner_refused_a_write_gets_a_clear_403(client_for, viewer, org_a):
    plan = ActionPlan.objects.create(
        organization=org_a, title="Plan A", period_start="2026-01-01", period_end="2026-12-31"
    )
    response = client_for(viewer).get(reverse("actionplans:edit", args=[plan.pk]))
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_a_server_error_page_renders_without_a_request_context(client, db):
    from django.template.loader import render_to_string

    assert "Something went wrong" in render_to_string("500.html")


def test_back_office_staff_without_an_organization_land_on_the_read_only_dashboard(client_for, staff):
    response = client_for(staff).get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:index")


def test_staff_who_are_also_partners_land_on_their_plans(client_for, partner, org_a):
    partner.is_staff = True
    partner.save()
    ActionPlan.objects.create(organization=org_a, title="Plan A", period_start="2026-01-01", period_end="2026-12-31")
    assert "Plan A" in client_for(partner).get("/").content.decode()


def test_ping_answers_a_constant_without_the_database(client, db, django_assert_num_queries):
    """The benchmark's baseline: the whole middleware stack, no query, no template."""
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.status_code == 200
    assert response.content == b"pong"
    assert client.post("/ping").status_code == 405
