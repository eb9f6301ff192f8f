"""The trainings list, a training's page and the topic library are drawn once per stamp and reused: a write through
the pages shows on the next visit, the library's buttons post with the visitor's own CSRF token, and a visit in
another language is in that language (issue 16)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan
from sessions_log.models import Attendance, DiscussionTopic, SessionTopic, Story, TrainingSession
from tests.sessions_log.page_data import attendance, session_page_data

LIST = "/sessions/"
TOPICS = "/topics/"


def main(response):
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


@pytest.fixture
def training(org_a):
    session = TrainingSession.objects.create(title="Budgets and gender", start_date="2024-03-05", end_date="2024-03-05")
    Attendance.objects.create(session=session, organization=org_a, women=3, men=1)
    return session


def test_a_training_recorded_through_its_page_is_listed_on_the_next_visit(client_for, coordinator, org_a, training):
    client = client_for(coordinator)
    assert "Budgets and gender" in main(client.get(LIST))
    data = session_page_data({"title": "Leadership school"}, attendances=[attendance(org_a, women=5)])
    assert client.post(reverse("sessions_log:create"), data).status_code == 302
    listed = main(client.get(LIST))
    assert "Leadership school" in listed and "Budgets and gender" in listed


def test_a_training_edited_through_its_page_shows_on_the_next_visit(client_for, coordinator, org_a, training):
    client = client_for(coordinator)
    assert "3 / 1 / 0" in main(client.get(LIST)) and "Budgets and gender" in main(
        client.get(training.get_absolute_url())
    )
    row = Attendance.objects.get(session=training)
    data = session_page_data(
        {"title": "Budgets and gender, day one"},
        attendances=[attendance(org_a, women=7, men=2, id=row.pk, session=training.pk)],
        initial={"attendances": 1},
    )
    assert client.post(reverse("sessions_log:edit", args=[training.pk]), data).status_code == 302
    assert "7 / 2 / 0" in main(client.get(LIST))
    detail = main(client.get(training.get_absolute_url()))
    assert "Budgets and gender, day one" in detail and "77.8%" in detail  # 7 women of 9


def test_a_story_and_a_plan_launched_show_on_the_trainings_page_at_once(client_for, coordinator, org_a, training):
    client = client_for(coordinator)
    assert "No story recorded." in main(client.get(training.get_absolute_url()))
    Story.objects.create(session=training, pseudonym="Aigul", text="A story", consent_obtained=True)
    ActionPlan.objects.create(
        organization=org_a, title="P", period_start="2024-04-01", period_end="2025-03-31", source_session=training
    )
    detail = main(client.get(training.get_absolute_url()))
    assert "A story" in detail and reverse("actionplans:launch", args=[training.pk]) in detail
    assert "Plans launched" in detail  # every attending organization has its plan now


def test_the_trainings_pages_in_russian_after_english(client_for, coordinator, training):
    client = client_for(coordinator)
    # Words of each page's cached part.
    for url, words in (
        (LIST, "Participants"),
        (training.get_absolute_url(), "Attending organizations"),
        (TOPICS, "Deactivated"),
    ):
        assert words in main(client.get(url, HTTP_ACCEPT_LANGUAGE="en")), url
        assert words not in main(client.get(url, HTTP_ACCEPT_LANGUAGE="ru")), url


@pytest.fixture
def used_topic(training):
    topic = DiscussionTopic.objects.create(question="Who decides on the budget?", theme="Budgets")
    SessionTopic.objects.create(session=training, topic=topic, order=1)
    return topic


def test_a_question_deactivated_through_the_library_shows_so_on_the_next_visit(client_for, coordinator, used_topic):
    client = client_for(coordinator)
    assert "Who decides on the budget?" in main(client.get(TOPICS))
    client.post(reverse("sessions_log:topic_toggle", args=[used_topic.pk]))  # its message names the question
    client.get(TOPICS)
    assert "Who decides on the budget?" not in main(client.get(TOPICS))
    assert "Reactivate" in main(client.get(TOPICS, {"show": "inactive"}))


def test_a_training_using_a_question_counts_on_the_next_visit(client_for, coordinator, used_topic, org_a):
    client = client_for(coordinator)
    assert "1 training" in main(client.get(TOPICS))
    other = TrainingSession.objects.create(title="Again", start_date="2024-05-01", end_date="2024-05-01")
    SessionTopic.objects.create(session=other, topic=used_topic, order=1)
    assert "2 trainings" in main(client.get(TOPICS))
    other.delete()  # its topic rows go with it
    assert "1 training" in main(client.get(TOPICS))


def test_the_librarys_buttons_post_with_each_visitors_own_csrf_token(coordinator, used_topic, db):
    """The list comes from the cache; the token its buttons send is in the one form outside it, drawn per visit."""
    from tests.conftest import make_user

    second = make_user("second_coordinator")
    second.groups.set(coordinator.groups.all())
    unused = DiscussionTopic.objects.create(question="Unused?", theme="Budgets")
    for person, topic in ((coordinator, used_topic), (second, unused)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        page = client.get(TOPICS).content.decode()
        token = re.search(r'<form id="topic-actions" method="post"><input type="hidden" name="csrfmiddlewaretoken" '
                          r'value="([^"]+)"', page).group(1)  # fmt: skip
        toggle = reverse("sessions_log:topic_toggle", args=[topic.pk])
        assert f'form="topic-actions" formaction="{toggle}"' in page
        assert client.post(toggle, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not DiscussionTopic.objects.filter(is_active=True).exists()


@pytest.mark.parametrize("rows", [2, 20])
def test_the_library_costs_the_same_queries_for_2_and_20_questions(
    client_for, coordinator, training, rows, django_assert_num_queries
):
    for number in range(rows):
        topic = DiscussionTopic.objects.create(question=f"Question {number}?", theme=f"Theme {number % 3}")
        SessionTopic.objects.create(session=training, topic=topic, order=number)
    client = client_for(coordinator)
    # session + user + permissions (1), the topics' stamp, the questions with their counts, the bell.
    with django_assert_num_queries(6):
        client.get(TOPICS)
    # Again while nothing changed: the questions and the permissions come from the cache (2 fewer).
    with django_assert_num_queries(4):
        client.get(TOPICS)
