"""Lists count and cut their page before the per-row sums (core.paging.annotated_page): the rows of a later page
still carry their own sums, in the list's order."""

import datetime

from django.urls import reverse

from sessions_log.models import Attendance, TrainingSession


def test_the_second_page_has_its_own_rows_with_their_sums(client_for, coordinator, org_a, org_b):
    for number in range(30):
        day = datetime.date(2022, 1, 1) + datetime.timedelta(days=number)
        session = TrainingSession.objects.create(title=f"Training {number:02}", start_date=day, end_date=day)
        Attendance.objects.create(session=session, organization=org_a, women=number, men=1)
        Attendance.objects.create(session=session, organization=org_b, women=1)

    page = client_for(coordinator).get(reverse("sessions_log:list"), {"page": 2}).context["page"]

    assert page.number == 2 and page.paginator.count == 30
    rows = list(page)
    assert [row.title for row in rows] == [f"Training {n:02}" for n in range(4, -1, -1)]
    assert [(row.organization_count, row.women, row.men) for row in rows] == [(2, n + 1, 1) for n in range(4, -1, -1)]


def test_a_page_number_past_the_end_shows_the_last_page(client_for, coordinator, org_a):
    day = datetime.date(2022, 1, 1)
    TrainingSession.objects.create(title="Only one", start_date=day, end_date=day)

    page = client_for(coordinator).get(reverse("sessions_log:list"), {"page": 9}).context["page"]

    assert page.number == 1
    assert [row.title for row in page] == ["Only one"]
