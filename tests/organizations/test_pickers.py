"""Organization and training pickers: a search box over a short select, fed by a JSON lookup (issue 16 §2).

The training form, the trainings filter and the plans filter used to carry a select of every organization
(2,000 at 100x the demo) in each attendance row; now each select holds only its chosen option.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from actionplans.models import ActionPlan
from organizations.models import Organization
from sessions_log.models import Attendance, TrainingSession


@pytest.fixture
def directory(db):
    return [Organization.objects.create(name=f"Directory member {number:03}") for number in range(40)]


@pytest.fixture
def training(org_a):
    day = datetime.date(2021, 11, 18)
    session = TrainingSession.objects.create(title="Gender audit", start_date=day, end_date=day)
    Attendance.objects.create(session=session, organization=org_a, women=2)
    return session


def test_the_lookup_finds_organizations_by_every_word_typed(client_for, coordinator, directory, org_a):
    response = client_for(coordinator).get(reverse("organizations:lookup"), {"q": "member 01"})

    assert response.status_code == 200
    names = [row["text"] for row in response.json()["results"]]
    assert names == ["Directory member 001", *(f"Directory member 01{n}" for n in range(10))]


def test_the_lookup_answers_at_most_20_and_says_there_are_more(client_for, coordinator, directory):
    data = client_for(coordinator).get(reverse("organizations:lookup"), {"q": "directory"}).json()

    assert len(data["results"]) == 20
    assert data["more"] is True


def test_a_partner_finds_only_their_own_organization(client_for, partner, org_a, org_b, directory):
    data = client_for(partner).get(reverse("organizations:lookup"), {"q": ""}).json()

    assert [row["id"] for row in data["results"]] == [org_a.pk]


def test_someone_signed_out_is_sent_to_sign_in(client, db):
    response = client.get(reverse("organizations:lookup"), {"q": "a"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_training_lookup_is_for_coordinators_only(client_for, coordinator, partner, training):
    assert client_for(partner).get(reverse("sessions_log:lookup"), {"q": "audit"}).status_code == 404
    data = client_for(coordinator).get(reverse("sessions_log:lookup"), {"q": "audit"}).json()
    assert data["results"] == [{"id": training.pk, "text": "Gender audit (2021-11-18)"}]


def test_the_training_form_lists_only_the_chosen_organizations(client_for, coordinator, directory, training, org_a):
    html = client_for(coordinator).get(reverse("sessions_log:edit", args=[training.pk])).content.decode()

    assert escape(org_a.name) in html
    assert "Directory member" not in html
    assert f'data-autocomplete-url="{reverse("organizations:lookup")}"' in html


def test_an_organization_found_by_search_is_saved_and_shown_again_when_the_page_has_errors(
    client_for, coordinator, directory
):
    from tests.sessions_log.page_data import attendance, session_page_data

    client = client_for(coordinator)
    picked = directory[7]
    wrong = session_page_data(session={"title": ""}, attendances=[attendance(picked, men=3)])
    again = client.post(reverse("sessions_log:create"), wrong)
    assert again.status_code == 200
    assert f'<option value="{picked.pk}" selected>{picked.name}</option>' in again.content.decode()

    response = client.post(reverse("sessions_log:create"), session_page_data(attendances=[attendance(picked, men=3)]))
    assert response.status_code == 302
    assert Attendance.objects.get(organization=picked).men == 3


def test_the_filters_offer_a_search_box_not_every_row(client_for, coordinator, directory, training, org_b):
    client = client_for(coordinator)
    ActionPlan.objects.create(organization=org_b, title="Plan B", period_start="2026-01-01", period_end="2026-12-31")

    sessions = client.get(reverse("sessions_log:list")).content.decode()
    plans = client.get(reverse("actionplans:list"), {"organization": directory[3].pk}).content.decode()

    assert "Directory member" not in sessions
    assert "Directory member 003" in plans  # the chosen one stays chosen
    assert "Directory member 004" not in plans
    assert f'data-autocomplete-url="{reverse("sessions_log:lookup")}"' in plans
