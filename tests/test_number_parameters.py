"""A number typed into a parameter is refused with a message, never a 500 (issue 17, item 7 and the house rule
"bad input → a clear message, never a 500").

Python's ``str.isdigit()`` calls "²" (and other superscripts) a digit, which ``int()`` then refuses: every check
written as ``value.isdigit() and int(value)`` answered such a value with a 500. The back office's year filters are
fuzzed in tests/backoffice/test_admin_filter_fuzz.py; these are the pages and the API.
"""

import pytest
from django.urls import reverse

from assessments.models import Assessment
from sessions_log.models import TrainingSession
from tests.sessions_log.page_data import attendance, session_page_data

ODD = "²"


@pytest.mark.parametrize("parameter", ["organization", "source_session"])
def test_a_plans_filter_with_an_odd_number_shows_the_list(client_for, coordinator, parameter):
    response = client_for(coordinator).get(reverse("actionplans:list"), {parameter: ODD})
    assert response.status_code == 200


def test_a_trainings_filter_with_an_odd_number_shows_the_list(client_for, coordinator):
    response = client_for(coordinator).get(reverse("sessions_log:list"), {"organization": ODD})
    assert response.status_code == 200


def test_a_training_row_naming_an_odd_organization_is_refused_beside_the_field(client_for, coordinator, org_a):
    data = session_page_data(attendances=[attendance(org_a, 3, 1), {**attendance(None, 1, 1), "organization": ODD}])
    response = client_for(coordinator).post(reverse("sessions_log:create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_an_api_page_size_that_is_not_a_number_answers_400(client_for, coordinator):
    response = client_for(coordinator).get("/api/plans/", {"page_size": ODD})
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_an_api_report_year_that_is_not_a_number_answers_400(client_for, coordinator):
    response = client_for(coordinator).get("/api/reports/training-reach/", {"year": ODD})
    assert response.status_code == 400
    assert "year" in response.json()


def test_starting_a_self_assessment_for_an_odd_year_is_refused_with_a_message(client_for, partner, org_a):
    client = client_for(partner)
    response = client.post(reverse("assessments:start"), {"organization": org_a.pk, "year": ODD}, follow=True)
    assert response.status_code == 200
    assert "A self-assessment can be started for this year" in response.content.decode()
    assert not Assessment.objects.exists()
    # This year's still starts.
    assert client.post(reverse("assessments:start"), {"organization": org_a.pk}).status_code == 302
    assert Assessment.objects.count() == 1
