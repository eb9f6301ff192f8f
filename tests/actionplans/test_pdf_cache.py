"""PDFs are made once per document version and language, then served from media storage."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from actionplans.models import Action, ActionPlan
from core import pdf as core_pdf
from sessions_log.models import TrainingSession
from tests.actionplans.conftest import make_plan
from tests.reporting.conftest import approved_plan


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # no file left by another test (SQLite gives the same ids again)


@pytest.fixture
def renders(monkeypatch):
    """Count WeasyPrint runs (each returns a small stand-in PDF naming the document's language)."""
    calls = []

    def fake(html, *, base_url):
        calls.append(html)
        return b"%PDF-1.7 " + html.split('lang="', 1)[1][:2].encode()

    monkeypatch.setattr(core_pdf, "html_to_pdf", fake)
    return calls


def cached(folder):
    try:
        return sorted(default_storage.listdir(f"pdf-cache/{folder}")[1])
    except FileNotFoundError:
        return []


def test_a_plans_pdf_is_made_once_and_then_served_from_storage(client, partner, org_a, renders):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    client.force_login(partner)
    url = reverse("actionplans:pdf", args=[plan.pk])
    first, second = client.get(url), client.get(url)
    assert len(renders) == 1
    assert first.content == second.content and second.content.startswith(b"%PDF")
    assert second["Content-Type"] == "application/pdf"
    [name] = cached(f"plans/{plan.pk}")
    assert name.startswith(f"en-v{plan.version}-")


def test_a_new_plan_version_makes_a_new_pdf_and_drops_the_old_one(client, partner, org_a, renders):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    client.force_login(partner)
    url = reverse("actionplans:pdf", args=[plan.pk])
    client.get(url)
    ActionPlan.objects.filter(pk=plan.pk).versions_bump()
    client.get(url)
    client.get(url)
    assert len(renders) == 2
    [name] = cached(f"plans/{plan.pk}")
    assert name.startswith(f"en-v{plan.version + 1}-")


def test_what_the_pdf_shows_changing_without_a_new_version_makes_a_new_pdf(client, partner, org_a, renders):
    """An action's status or a measurement recorded on an approved plan does not move the plan's version."""
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    client.force_login(partner)
    url = reverse("actionplans:pdf", args=[plan.pk])
    client.get(url)
    for action in Action.objects.filter(objective__plan=plan):  # saved as the app saves it (the stamp is renewed)
        action.status = Action.Status.DONE
        action.save()
    client.get(url)
    assert len(renders) == 2


def test_another_language_is_a_file_of_its_own(client, partner, org_a, renders):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    client.force_login(partner)
    url = reverse("actionplans:pdf", args=[plan.pk])
    english, russian = client.get(url), client.get(url, {"language": "ru"})
    assert client.get(url, {"language": "ru"}).content == russian.content == b"%PDF-1.7 ru"
    assert english.content == b"%PDF-1.7 en" and len(renders) == 2
    assert [name[:3] for name in cached(f"plans/{plan.pk}")] == ["en-", "ru-"]


def test_a_cached_pdf_is_still_refused_to_outsiders(client, partner, partner_b, org_a, renders):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    url = reverse("actionplans:pdf", args=[plan.pk])
    client.force_login(partner)
    client.get(url)
    client.force_login(partner_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert len(renders) == 1


def test_a_period_reports_pdf_is_made_once_per_version(client, partner, partner_b, org_a, coordinator, renders):
    plan = approved_plan(org_a, coordinator)
    url = reverse("actionplans:report_pdf", args=[plan.pk, 1])
    client.force_login(partner)
    client.get(url)
    client.get(url)
    assert len(renders) == 1
    ActionPlan.objects.filter(pk=plan.pk).update(title="A new title")
    assert client.get(url).status_code == 200 and len(renders) == 2
    client.force_login(partner_b)
    assert client.get(url).status_code == 404 and len(renders) == 2


def test_a_training_document_is_made_once_per_change_and_per_choice_of_stories(client_for, coordinator, renders):
    session = TrainingSession.objects.create(
        title="Gender mainstreaming", start_date=datetime.date(2021, 11, 25), end_date=datetime.date(2021, 11, 25)
    )
    client = client_for(coordinator)
    url = reverse("sessions_log:pdf", args=[session.pk])
    client.get(url)
    client.get(url)
    client.get(url, {"stories": "1"})
    assert len(renders) == 2
    session.summary = "What was said."
    session.save()
    client.get(url)
    assert len(renders) == 3
