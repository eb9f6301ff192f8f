"""The topic library: grouped by theme, counted by use, edited, deactivated, and never losing a used question."""

import pytest
from django.urls import reverse

from sessions_log.models import DiscussionTopic, SessionTopic, TrainingSession


@pytest.fixture
def used_topic(db):
    topic = DiscussionTopic.objects.create(question="What is gender to you?", theme="Understanding gender")
    for number in range(2):
        session = TrainingSession.objects.create(title=f"T{number}", start_date="2021-11-18", end_date="2021-11-18")
        SessionTopic.objects.create(session=session, topic=topic, order=1)
    return topic


def test_the_library_groups_questions_by_theme_with_the_number_of_trainings(client_for, coordinator, used_topic):
    DiscussionTopic.objects.create(question="Who decides?", theme="Power")
    DiscussionTopic.objects.create(question="Anything else?")
    response = client_for(coordinator).get(reverse("sessions_log:topics"))
    html = response.content.decode()
    assert html.index("Power") < html.index("Understanding gender") < html.index("Without a theme")
    assert "2 trainings" in html
    assert [t.session_count for t in response.context["topics"] if t == used_topic] == [2]


def test_a_coordinator_adds_a_question(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("sessions_log:topic_create"),
        {"question": "  Who  decides? ", "theme": "Power", "notes": ""},
        follow=True,
    )
    assert DiscussionTopic.objects.get().question == "Who decides?"
    assert "was saved" in response.content.decode()


def test_a_question_already_in_the_library_is_refused(client_for, coordinator, used_topic):
    response = client_for(coordinator).post(
        reverse("sessions_log:topic_create"), {"question": "what is GENDER to you?", "theme": ""}
    )
    assert response.status_code == 200
    assert "already in the library" in response.content.decode()
    assert DiscussionTopic.objects.count() == 1


def test_an_empty_question_is_refused(client_for, coordinator):
    response = client_for(coordinator).post(reverse("sessions_log:topic_create"), {"question": "", "theme": "x"})
    assert response.status_code == 200
    assert "question" in response.context["form"].errors
    assert not DiscussionTopic.objects.exists()


def test_a_coordinator_edits_a_question(client_for, coordinator, used_topic):
    client_for(coordinator).post(
        reverse("sessions_log:topic_edit", args=[used_topic.pk]),
        {"question": "What does gender mean to you?", "theme": "Basics", "notes": "Warm-up"},
    )
    used_topic.refresh_from_db()
    assert (used_topic.question, used_topic.theme) == ("What does gender mean to you?", "Basics")


def test_deactivating_hides_the_question_from_new_trainings_and_reactivating_brings_it_back(
    client_for, coordinator, used_topic
):
    client = client_for(coordinator)
    response = client.post(reverse("sessions_log:topic_toggle", args=[used_topic.pk]), follow=True)
    assert "is deactivated" in response.content.decode()
    used_topic.refresh_from_db()
    assert not used_topic.is_active
    form = client.get(reverse("sessions_log:create")).content.decode()
    assert "What is gender to you?" not in form
    assert used_topic not in client.get(reverse("sessions_log:topics")).context["topics"]
    assert used_topic in client.get(reverse("sessions_log:topics"), {"show": "inactive"}).context["topics"]

    client.post(reverse("sessions_log:topic_toggle", args=[used_topic.pk]))
    used_topic.refresh_from_db()
    assert used_topic.is_active


def test_a_training_that_used_a_deactivated_question_can_still_be_edited(client_for, coordinator, used_topic):
    used_topic.is_active = False
    used_topic.save()
    session = used_topic.session_topics.first().session
    html = client_for(coordinator).get(reverse("sessions_log:edit", args=[session.pk])).content.decode()
    assert "What is gender to you? (inactive)" in html


def test_a_used_question_is_never_deleted(client_for, coordinator, used_topic):
    response = client_for(coordinator).post(reverse("sessions_log:topic_delete", args=[used_topic.pk]), follow=True)
    assert DiscussionTopic.objects.filter(pk=used_topic.pk).exists()
    assert "never deleted" in response.content.decode()


def test_an_unused_question_can_be_deleted(client_for, coordinator):
    topic = DiscussionTopic.objects.create(question="Typo?")
    client_for(coordinator).post(reverse("sessions_log:topic_delete", args=[topic.pk]))
    assert not DiscussionTopic.objects.exists()


def test_toggle_and_delete_refuse_get(client_for, coordinator, used_topic):
    client = client_for(coordinator)
    assert client.get(reverse("sessions_log:topic_toggle", args=[used_topic.pk])).status_code == 405
    assert client.get(reverse("sessions_log:topic_delete", args=[used_topic.pk])).status_code == 405


@pytest.mark.parametrize("name", ["topic_edit", "topic_toggle", "topic_delete"])
def test_partners_get_404_on_the_library_actions(client_for, partner, used_topic, name):
    client = client_for(partner)
    assert client.post(reverse(f"sessions_log:{name}", args=[used_topic.pk])).status_code == 404
    used_topic.refresh_from_db()
    assert used_topic.is_active and used_topic.question == "What is gender to you?"
