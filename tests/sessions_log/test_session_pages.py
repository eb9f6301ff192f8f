"""The trainings list and a training's record: who may open them, what they show, and what they cost."""

import datetime

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from organizations.models import Organization, OrganizationKind
from sessions_log.models import Attendance, DiscussionTopic, Finding, SessionTopic, Story, TrainingSession


def make_session(title="Gender mainstreaming in organizations", day=datetime.date(2021, 11, 18), **extra):
    return TrainingSession.objects.create(title=title, start_date=day, end_date=day, **extra)


def attend(session, organization, women=0, men=0, not_stated=0):
    return Attendance.objects.create(
        session=session, organization=organization, women=women, men=men, not_stated=not_stated
    )


@pytest.fixture
def session(org_a, org_b):
    session = make_session(format=TrainingSession.Format.ONLINE)
    attend(session, org_a, 3, 1)
    attend(session, org_b, 1, 2, 1)
    return session


def page_names(session):
    return [
        reverse("sessions_log:list"),
        reverse("sessions_log:create"),
        reverse("sessions_log:detail", args=[session.pk]),
        reverse("sessions_log:edit", args=[session.pk]),
        reverse("actionplans:launch", args=[session.pk]),
        reverse("sessions_log:topics"),
        reverse("sessions_log:topic_create"),
        reverse("sessions_log:topic_edit", args=[DiscussionTopic.objects.get_or_create(question="Why?")[0].pk]),
    ]


def test_coordinators_open_every_training_page(client_for, coordinator, session):
    client = client_for(coordinator)
    for url in page_names(session):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["partner", "viewer", "partner_b", "staff"])
def test_everyone_else_signed_in_gets_404_on_every_training_page(client_for, session, who, request):
    client = client_for(request.getfixturevalue(who))
    for url in page_names(session):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("actionplans:launch", args=[session.pk])).status_code == 404
    assert not ActionPlan.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, session):
    for url in page_names(session):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_the_list_shows_date_title_format_and_participants_per_row(client_for, coordinator, session):
    page = client_for(coordinator).get(reverse("sessions_log:list"))
    row = page.context["page"][0]
    assert (row.organization_count, row.women, row.men, row.not_stated) == (2, 4, 3, 1)
    html = page.content.decode()
    assert "18 Nov 2021" in html and "Online" in html and "4 / 3 / 1" in html


def test_the_list_is_newest_first_and_paginated_by_25(client_for, coordinator):
    for day in range(30):
        make_session(title=f"Training {day}", day=datetime.date(2022, 1, 1) + datetime.timedelta(days=day))
    client = client_for(coordinator)
    first = client.get(reverse("sessions_log:list")).context["page"]
    assert len(first) == 25
    assert first[0].title == "Training 29"
    second = client.get(reverse("sessions_log:list"), {"page": 2}).context["page"]
    assert [s.title for s in second] == [f"Training {day}" for day in range(4, -1, -1)]


def titles(client, **query):
    return [s.title for s in client.get(reverse("sessions_log:list"), query).context["page"]]


def test_the_list_searches_titles_and_filters_by_year_format_status_and_organization(
    client_for, coordinator, org_a, org_b
):
    online = make_session("Gender basics online", datetime.date(2021, 11, 18), format="online")
    attend(online, org_a, 2)
    in_person = make_session("Budgeting for equality", datetime.date(2023, 5, 2), format="in_person")
    attend(in_person, org_b, 1)
    attend(in_person, org_a, 1)
    make_session("Planned workshop", datetime.date(2024, 2, 1), format="hybrid", status="planned")
    client = client_for(coordinator)

    assert titles(client, q="gender") == ["Gender basics online"]
    assert titles(client, year=2023) == ["Budgeting for equality"]
    assert titles(client, format="hybrid") == ["Planned workshop"]
    assert titles(client, status="planned") == ["Planned workshop"]
    assert titles(client, organization=org_b.pk) == ["Budgeting for equality"]
    assert titles(client, organization=org_a.pk) == ["Budgeting for equality", "Gender basics online"]
    # the organization filter does not cut the row's own counts down to that organization
    assert (
        client.get(reverse("sessions_log:list"), {"organization": org_b.pk}).context["page"][0].organization_count == 2
    )


def test_a_nonsense_filter_value_shows_an_empty_list_not_an_error(client_for, coordinator, session):
    response = client_for(coordinator).get(reverse("sessions_log:list"), {"year": "abc", "organization": "999"})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert session.title not in response.content.decode()
    assert "Select a valid choice" in response.content.decode()  # said beside the filter bar


def test_a_valid_filter_value_still_lists_its_rows(client_for, coordinator, session):
    response = client_for(coordinator).get(reverse("sessions_log:list"), {"year": str(session.start_date.year)})
    assert list(response.context["page"]) == [session]


def many_sessions(count, org_a, org_b):
    for number in range(count):
        session = make_session(f"Training {number}", datetime.date(2022, 1, 1) + datetime.timedelta(days=number))
        attend(session, org_a, 1, 1)
        attend(session, org_b, 2)


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_costs_the_same_queries_for_3_and_30_trainings(
    client_for, coordinator, org_a, org_b, rows, django_assert_num_queries
):
    many_sessions(rows, org_a, org_b)
    client = client_for(coordinator)
    # session + user + the user's permissions (1: own and group) for the coordinator check, the directory's stamp,
    # the filter's year choices, the count, and the page with its per-row sums, and the bell's unread count.
    # (8; 9 before the organization filter became a search box and the permissions one query.)
    with django_assert_num_queries(8):
        client.get(reverse("sessions_log:list"))
    # Again while nothing changed: the filters, the page and the permissions come from the cache (4 fewer).
    with django_assert_num_queries(4):
        client.get(reverse("sessions_log:list"))


def detailed_session(rows, org_kinds):
    session = make_session()
    for number in range(rows):
        organization = Organization.objects.create(name=f"Organization {number}", kind=org_kinds[number % 2])
        attend(session, organization, 2, 1)
        topic = DiscussionTopic.objects.create(question=f"Question {number}?")
        SessionTopic.objects.create(session=session, topic=topic, order=number, key_points="Points")
        Story.objects.create(
            session=session, pseudonym=f"P{number}", text="Text", consent_obtained=True, barriers=["legal"]
        )
        Finding.objects.create(session=session, statement=f"Finding {number}", barrier="care")
        ActionPlan.objects.create(
            organization=organization,
            title="Plan",
            period_start="2022-01-01",
            period_end="2022-12-31",
            source_session=session,
        )
    return session


@pytest.mark.parametrize("rows", [3, 30])
def test_the_detail_page_costs_the_same_queries_for_3_and_30_rows(
    client_for, coordinator, rows, django_assert_num_queries
):
    session = detailed_session(rows, [OrganizationKind.LOCAL_CSO, OrganizationKind.STATE_BODY])
    client = client_for(coordinator)
    # session + user + permissions (1), the training with its host, the directory's stamp, then one query each for
    # facilitators, attendance (with organizations), topics (with questions), stories, findings and plans (with
    # organizations), and the bell's unread count.
    with django_assert_num_queries(12):
        client.get(reverse("sessions_log:detail", args=[session.pk]))
    # Again while nothing changed: the training's rows and the permissions come from the cache (7 fewer).
    with django_assert_num_queries(5):
        client.get(reverse("sessions_log:detail", args=[session.pk]))


def test_the_detail_page_shows_the_plans_launched_with_their_status(client_for, coordinator, session, org_a):
    plan = ActionPlan.objects.create(
        organization=org_a,
        title="Plan",
        period_start="2022-01-01",
        period_end="2022-12-31",
        source_session=session,
        status=ActionPlan.Status.SUBMITTED,
    )
    html = client_for(coordinator).get(session.get_absolute_url()).content.decode()
    assert reverse("actionplans:detail", args=[plan.pk]) in html
    assert "Submitted for review" in html


def test_a_training_nobody_attended_says_so_and_offers_no_launch(client_for, coordinator):
    session = make_session(status="planned")
    html = client_for(coordinator).get(session.get_absolute_url()).content.decode()
    assert "No attendance recorded." in html
    assert reverse("actionplans:launch", args=[session.pk]) not in html


def test_an_unknown_training_is_404(client_for, coordinator):
    assert client_for(coordinator).get(reverse("sessions_log:detail", args=[999])).status_code == 404
