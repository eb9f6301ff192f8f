"""Who reads the dashboard: coordinators at / and /dashboard/, back-office staff at /dashboard/ only."""

import pytest
from django.urls import reverse

from dashboard.views import coordinator_home

DASHBOARD = "/dashboard/"


def test_the_read_only_dashboard_has_a_route_name():
    assert reverse("dashboard:index") == DASHBOARD


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["partner", "viewer", "partner_b"])
def test_partners_get_404(client_for, who, request):
    user = request.getfixturevalue(who)

    assert client_for(user).get(DASHBOARD).status_code == 404


def test_a_signed_in_user_without_a_role_gets_404(client_for, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-unused-password-1")

    assert client_for(nobody).get(DASHBOARD).status_code == 404


def test_an_inactive_staff_member_cannot_read_it(client, staff):
    staff.is_active = False
    staff.save()
    client.force_login(staff)

    assert client.get(DASHBOARD).status_code in (302, 404)


def test_staff_without_the_dashboard_permission_get_404(programme, client_for):
    from tests.conftest import make_user

    bare_staff = client_for(make_user("bare_staff", is_staff=True))
    assert bare_staff.get(DASHBOARD).status_code == 404
    assert bare_staff.get("/").status_code == 200  # their (empty) plans, not the figures
    assert DASHBOARD not in bare_staff.get("/").content.decode()


def test_staff_read_the_figures_of_the_whole_programme(programme, client_for, staff):
    response = client_for(staff).get(DASHBOARD, {"year": "2025"})
    page = response.content.decode()

    assert response.status_code == 200
    assert response.context["read_only"] is True
    assert response.context["figures"].reach_year.participants == 17
    assert response.context["figures"].overdue == [("Women's Initiative Osh", 2), ("Naryn Regional Administration", 1)]
    assert "Women in management and decision-making" in page


def test_staff_see_no_coordinator_shortcuts_nor_plan_titles(programme, client_for, staff):
    page = client_for(staff).get(DASHBOARD, {"year": "2025"}).content.decode()

    assert "Plans waiting for your review" not in page
    assert "Recent trainings" not in page
    assert programme["plan_b"].title not in page
    assert reverse("sessions_log:list") not in page


def test_coordinators_get_the_dashboard_at_home_with_their_shortcuts(programme, client_for, coordinator):
    response = client_for(coordinator).get("/", {"year": "2025"})
    page = response.content.decode()

    assert response.context["read_only"] is False
    assert "Plans waiting for your review" in page
    assert programme["plan_b"].get_absolute_url() in page  # submitted: waits for review
    assert "1 action plan is waiting for your review." in page


def test_coordinators_read_the_read_only_version_too(programme, client_for, coordinator):
    response = client_for(coordinator).get(DASHBOARD)

    assert response.status_code == 200
    assert response.context["read_only"] is True


def test_superusers_read_it(client_for, admin_user):
    assert client_for(admin_user).get(DASHBOARD).status_code == 200
    assert client_for(admin_user).get("/").context["read_only"] is False


def test_partners_at_home_get_their_own_page(programme, client_for, partner):
    response = client_for(partner).get("/")

    assert response.status_code == 200
    assert "figures" not in response.context
    assert "Programme overview" not in response.content.decode()


def test_coordinator_home_refuses_anyone_else_if_called_directly(rf, partner):
    from django.http import Http404

    request = rf.get("/")
    request.user = partner
    with pytest.raises(Http404):
        coordinator_home(request)


def test_staff_find_the_dashboard_in_the_menu(client_for, staff):
    page = client_for(staff).get("/", follow=True).content.decode()

    assert f'href="{DASHBOARD}"' in page


def test_partners_find_no_dashboard_in_the_menu(client_for, partner):
    page = client_for(partner).get("/").content.decode()

    assert f'href="{DASHBOARD}"' not in page
