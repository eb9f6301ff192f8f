"""The training report document (/sessions/<id>/print/ and /pdf/): what a coordinator sends to a donor."""

import io
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from actionplans.models import ActionPlan
from sessions_log.models import Attendance, Finding, SessionTopic, Story, TrainingSession


@pytest.fixture
def training(org_a, org_b):
    session = TrainingSession.objects.create(
        title="Gender mainstreaming in organizations",
        start_date="2021-11-18",
        end_date="2021-11-18",
        summary="An online session.",
    )
    Attendance.objects.create(session=session, organization=org_a, women=3, men=1)
    Attendance.objects.create(session=session, organization=org_b, women=1, men=1, not_stated=2)
    from sessions_log.models import DiscussionTopic

    topic = DiscussionTopic.objects.create(question="What is gender to you?")
    SessionTopic.objects.create(session=session, topic=topic, order=1, key_points="Roles are learned.")
    Finding.objects.create(session=session, statement="Women sit in administration.", barrier="decision_making")
    Story.objects.create(session=session, pseudonym="Aigul", text="Not trusted with a gun.", consent_obtained=True)
    ActionPlan.objects.create(
        organization=org_a,
        title="Plan of A",
        period_start="2022-01-01",
        period_end="2022-12-31",
        source_session=session,
        status="approved",
    )
    return session


def test_the_document_holds_summary_attendance_topics_findings_and_outcome(client_for, coordinator, training):
    html = client_for(coordinator).get(reverse("sessions_log:print", args=[training.pk])).content.decode()
    for text in (
        "An online session.",
        "What is gender to you?",
        "Roles are learned.",
        "Women sit in administration.",
        "Participation in decision-making",
        "Plan of A",
        "Approved",
        "75 %",
        "25 %",
    ):
        assert text in html, text
    assert "50 %" in html  # 4 women of 8 in all
    assert "Not trusted with a gun." not in html and "Aigul" not in html  # stories only when asked for
    assert "onclick" not in html and "<script>" not in html  # runs under the content security policy


def test_stories_appear_only_when_ticked_and_under_their_pseudonym(client_for, coordinator, training):
    url = reverse("sessions_log:print", args=[training.pk]) + "?stories=1"
    html = client_for(coordinator).get(url).content.decode()
    assert "Aigul (name changed)" in html and "Not trusted with a gun." in html


@pytest.mark.parametrize("name", ["print", "pdf"])
def test_only_coordinators_get_the_document(client_for, partner, staff, training, name):
    url = reverse(f"sessions_log:{name}", args=[training.pk])
    assert client_for(partner).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 404
    client_for(partner).logout()
    assert client_for(partner).get(url, follow=False).status_code in (302, 404)


@pytest.mark.parametrize("name", ["print", "pdf"])
@pytest.mark.parametrize("extra", [0, 10])
def test_the_document_reads_in_a_fixed_number_of_queries(
    client_for, coordinator, training, name, extra, django_assert_num_queries
):
    """Ten more attending organizations, each with its launched plan, cost no query more (no N+1)."""
    from organizations.models import Organization

    for number in range(extra):
        organization = Organization.objects.create(name=f"Extra {number}", kind="other")
        Attendance.objects.create(session=training, organization=organization, women=1)
        ActionPlan.objects.create(
            organization=organization,
            title=f"P{number}",
            period_start="2022-01-01",
            period_end="2022-12-31",
            source_session=training,
        )
    client = client_for(coordinator)
    url = reverse(f"sessions_log:{name}", args=[training.pk]) + "?stories=1"
    # session, user, permissions (1), the training, attendances with organizations, facilitators, topics with
    # their questions, findings, stories, launched plans with organizations, the bell (the base template's)
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_the_2021_demo_trainings_pdf_holds_what_the_report_holds(client_for, db, tmp_path):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    from organizations.models import User

    coordinator = User.objects.get(username="coordinator")
    session = TrainingSession.objects.get(start_date__year=2021)
    response = client_for(coordinator).get(reverse("sessions_log:pdf", args=[session.pk]) + "?stories=1")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "training.pdf"
    path.write_bytes(response.content)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout.split()
    )
    for facilitator in session.facilitators.all():
        assert facilitator.name in text
    for attendance in session.attendances.select_related("organization"):
        assert " ".join(attendance.organization.name.split())[:25] in text
    for item in session.session_topics.select_related("topic"):
        assert " ".join(item.topic.question.split())[:40] in text
    for finding in session.findings.all():
        assert " ".join(finding.statement.split())[:40] in text
    for story in session.stories.all():
        assert str(story) in text
    assert session.action_plans.count() == 12
    for plan in session.action_plans.select_related("organization"):
        assert plan.get_status_display() in text
