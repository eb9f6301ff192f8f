"""Recording a training that looks like one already recorded shows it and asks before saving."""

import datetime

import pytest
from django.urls import reverse

from organizations.models import Organization, OrganizationKind
from sessions_log.models import Attendance, TrainingSession
from tests.sessions_log.page_data import attendance, session_page_data


def _recorded(*organizations, title="Gender mainstreaming in organizations"):
    session = TrainingSession.objects.create(
        title=title, start_date=datetime.date(2021, 11, 18), end_date=datetime.date(2021, 11, 18)
    )
    for organization in organizations:
        Attendance.objects.create(session=session, organization=organization, women=3)
    return session


def test_same_title_and_date_shows_the_existing_training_and_saves_nothing(client_for, coordinator, org_a):
    existing = _recorded(org_a)
    data = session_page_data(
        session={"title": "  GENDER mainstreaming in organizations"}, attendances=[attendance(org_a, women=3)]
    )
    response = client_for(coordinator).post(reverse("sessions_log:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This training may already be recorded. Nothing was saved yet." in html
    assert existing.get_absolute_url() in html
    assert 'name="confirm_duplicate"' in html
    assert 'value="  GENDER mainstreaming in organizations"' in html or "GENDER mainstreaming" in html
    assert TrainingSession.objects.count() == 1


def test_confirming_saves_the_new_training(client_for, coordinator, org_a):
    _recorded(org_a)
    data = session_page_data(attendances=[attendance(org_a, women=3)])
    data["confirm_duplicate"] = "1"
    response = client_for(coordinator).post(reverse("sessions_log:create"), data)
    assert response.status_code == 302
    assert TrainingSession.objects.count() == 2


def test_same_date_and_most_of_the_same_organizations_is_a_duplicate(client_for, coordinator, org_a, org_b):
    third = Organization.objects.create(name="Third", kind=OrganizationKind.OTHER)
    existing = _recorded(org_a, org_b, third, title="Online session")
    data = session_page_data(
        session={"title": "Gender training November"},
        attendances=[attendance(org_a), attendance(org_b), attendance(third)],
    )
    html = client_for(coordinator).post(reverse("sessions_log:create"), data).content.decode()
    assert existing.get_absolute_url() in html
    assert TrainingSession.objects.count() == 1


def test_a_different_training_on_the_same_day_saves_at_once(client_for, coordinator, org_a, org_b):
    _recorded(org_a, title="Morning session")
    data = session_page_data(session={"title": "Afternoon session"}, attendances=[attendance(org_b)])
    assert client_for(coordinator).post(reverse("sessions_log:create"), data).status_code == 302
    assert TrainingSession.objects.count() == 2


def test_editing_a_training_is_not_asked_about_itself(client_for, coordinator, org_a):
    session = _recorded(org_a)
    data = session_page_data(session={"summary": "Edited"})
    response = client_for(coordinator).post(reverse("sessions_log:edit", args=[session.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize("size", [1, 6])
def test_the_warning_takes_a_fixed_number_of_queries(
    client_for, coordinator, org_a, org_b, size, django_assert_num_queries
):
    """More look-alike trainings, each with more organizations, cost no query more on the warning page."""
    for number in range(size):
        _recorded(
            org_a, org_b, *(Organization.objects.create(name=f"O{number}-{i}", kind="other") for i in range(size))
        )
    data = session_page_data(attendances=[attendance(org_a, women=3)])
    client = client_for(coordinator)
    # session, user, permissions (1), the form's one-time token (was it saved already?), the chosen organizations'
    # names for the pickers (1: the picker lists no others), the new training's checks (3), its attendance row's
    # organization and checks (5), trainings on that date, their attendances, the bell. (16, was 18: one permissions
    # query; the topic picker no longer lists the library, and with no topic row chosen its labels take no query.)
    with django_assert_num_queries(16):
        html = client.post(reverse("sessions_log:create"), data).content.decode()
    assert html.count('class="alert-link"') == size


@pytest.mark.parametrize(
    ("theirs", "ours", "asked"),
    [
        (4, [0, 1, 2], True),  # 3 of the 4 organizations: most of them
        (4, [0, 1], False),  # half of them is not most
        (2, [0, 1, 2, 3], False),  # both of theirs, but this training had twice as many: a different one
        (3, [0, 1, 2, 3], True),  # all 3 of theirs and one more
    ],
)
def test_most_of_the_same_organizations_means_more_than_half_of_both(client_for, coordinator, theirs, ours, asked):
    organizations = [Organization.objects.create(name=f"Partner {n}", kind=OrganizationKind.OTHER) for n in range(4)]
    existing = _recorded(*organizations[:theirs], title="Online session")
    data = session_page_data(
        session={"title": "Another title"}, attendances=[attendance(organizations[n]) for n in ours]
    )
    response = client_for(coordinator).post(reverse("sessions_log:create"), data)
    assert (existing.get_absolute_url() in response.content.decode()) == asked
    assert TrainingSession.objects.count() == (1 if asked else 2)
