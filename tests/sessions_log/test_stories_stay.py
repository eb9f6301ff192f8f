"""Stories stay with coordinators (issue 17, item 8).

Staff with a model's view permission read every story in the admin, and the demo wrote a participant's story
into the topics' key points and the session summary, which are exported.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sessions_log.models import Story, TrainingSession
from tests.demo.conftest import seed


@pytest.fixture
def story(coordinator):
    import datetime

    session = TrainingSession.objects.create(
        title="Training",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 1),
        created_by=coordinator,
    )
    return Story.objects.create(
        session=session, pseudonym="Aigul", role_context="Deputy", text="Secret story", consent_obtained=True
    )


def test_staff_with_every_story_permission_but_not_a_coordinator_see_no_story(client_for, staff, story):
    staff.user_permissions.add(*Permission.objects.filter(content_type__model="story"))
    client = client_for(staff)
    assert client.get(reverse("admin:sessions_log_story_changelist")).status_code == 403
    assert client.get(reverse("admin:sessions_log_story_change", args=[story.pk])).status_code in (403, 404)
    assert "Secret story" not in client.get(reverse("admin:index")).content.decode()
    assert "sessions_log/story" not in client.get(reverse("admin:index")).content.decode()


def test_coordinators_on_the_staff_read_stories_in_the_admin(client_for, coordinator, story):
    coordinator.is_staff = True
    coordinator.save()
    client = client_for(coordinator)
    assert client.get(reverse("admin:sessions_log_story_change", args=[story.pk])).status_code == 200


def test_the_demo_keeps_the_story_out_of_key_points_and_summaries(db, settings):
    settings.DEBUG = True
    seed()
    story = Story.objects.get(pseudonym="Aigul")
    exported = [session.summary for session in TrainingSession.objects.all()]
    exported += [link.key_points for session in TrainingSession.objects.all() for link in session.session_topics.all()]
    for text in exported:
        for telling in ("Aigul", "militia", "gun", "deputy", "election"):
            assert telling not in text, text
    assert any("a participant's story" in text for text in exported)
    assert "gun" in story.text
