"""A plan's pages (the plan, its editor, a period's report and its form) kept whole for each reader (core.kept)
under a stamp the database renews on every write to a table they read: seen again, a page costs the session, the
person, the bell and the stamp; a write, whatever made it, shows at the next visit; nobody gets another's page,
token, name or bell, and what is shown once (a message, the values a submission missed) is shown once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan
from actionplans.selectors import PLAN_PAGES_STAMP
from core import stamps
from notifications.models import Notification
from organizations.models import Membership, User
from tests.actionplans.conftest import make_plan
from tests.kept import kept, kept_views, tables_not_renewing

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def pages(rplan_a, org_a, today):
    """A page of each kept view: the approved plan of A (its page, period 1's report and form), A's draft (editor)."""
    draft = make_plan(org_a, title="Next year's plan")
    return {
        "actionplans:detail": rplan_a.get_absolute_url(),
        "actionplans:edit": reverse("actionplans:edit", args=[draft.pk]),
        "actionplans:report": reverse("actionplans:report", args=[rplan_a.pk, 1]),
        "actionplans:report_edit": reverse("actionplans:report_edit", args=[rplan_a.pk, 1]),
    }


def test_every_table_a_kept_page_reads_renews_its_stamp(client_for, partner, coordinator, pages):
    assert set(pages) == {name for name, stamp in kept_views().items() if stamp == PLAN_PAGES_STAMP}
    readers = {partner: set(pages), coordinator: {"actionplans:detail", "actionplans:report"}}  # partners write
    for person, names in readers.items():
        client = client_for(person)
        for name in sorted(names):
            assert tables_not_renewing(client, pages[name], PLAN_PAGES_STAMP) == [], (name, person)
            assert kept(client.get(pages[name])), name


def test_a_write_that_sends_no_signal_shows_at_the_next_visit(client_for, partner, rplan_a, pages):
    client = client_for(partner)
    for url in pages.values():
        client.get(url)
        assert kept(client.get(url))
    ActionPlan.objects.filter(pk=rplan_a.pk).update(title="Plan renamed in SQL")  # no signal
    for name in ("actionplans:detail", "actionplans:report", "actionplans:report_edit"):
        page = client.get(pages[name])
        assert not kept(page) and "Plan renamed in SQL" in page.content.decode(), name


def test_a_reader_whose_access_is_taken_away_gets_404_not_the_kept_page(client_for, partner, pages):
    client = client_for(partner)
    for url in pages.values():
        client.get(url)
    Membership.objects.filter(user=partner).delete()
    for name, url in pages.items():
        assert client.get(url).status_code == 404, name


def test_a_viewer_never_gets_the_editors_page(client_for, partner, viewer, pages):
    url = pages["actionplans:detail"]
    editors = client_for(partner).get(url).content.decode()
    viewers = client_for(viewer).get(url).content.decode()
    assert viewers != editors and client_for(viewer).get(pages["actionplans:edit"]).status_code == 403
    assert "Viewer" not in editors


def test_each_reader_gets_their_own_name_bell_and_working_token(partner, pages):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(partner)  # two sessions of one person: two CSRF secrets
    url = pages["actionplans:edit"]
    first.get(url)
    served = [first.get(url), second.get(url)]
    assert all(kept(page) for page in served)
    tokens = [set(CSRF.findall(page.content.decode())) for page in served]
    assert all(len(found) == 1 and "" not in found for found in tokens) and tokens[0] != tokens[1]
    for client, (token,) in zip((first, second), tokens, strict=True):
        answer = client.post(reverse("set_language"), {"csrfmiddlewaretoken": token, "language": "en", "next": url})
        assert answer.status_code == 302  # not 403

    Notification.objects.create(recipient=partner, kind="plan_approved", link=url, key="kept:bell")
    page = first.get(url)
    assert not kept(page) and 'data-unread="1"' in page.content.decode()
    User.objects.filter(pk=partner.pk).update(first_name="Aigerim")
    assert "Aigerim Partner" in first.get(url).content.decode()


def test_a_message_is_shown_once(client_for, partner, rplan_a, pages):
    client = client_for(partner)
    url = pages["actionplans:detail"]
    client.get(url)
    assert kept(client.get(url))
    # The editor of an approved plan sends its reader to the plan's page with a message.
    assert client.get(reverse("actionplans:edit", args=[rplan_a.pk])).url == url
    shown = client.get(url)
    assert not kept(shown) and "it cannot be edited now" in shown.content.decode()
    again = client.get(url)
    assert kept(again) and "it cannot be edited now" not in again.content.decode()


def test_the_values_a_submission_missed_are_shown_once(client_for, partner, pages):
    client = client_for(partner)
    url = pages["actionplans:report_edit"]
    client.get(url)
    assert kept(client.get(url))
    session = client.session
    session["report_missing"] = [("People trained", f"{url}#value-1")]
    session.save()
    page = client.get(url)
    assert not kept(page) and 'id="missing"' in page.content.decode()
    assert 'id="missing"' not in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_renews_the_stamp_and_a_rolled_back_one_does_not(org_a, partner):
    # The real timing: on PostgreSQL the triggers fire when the writing transaction commits.
    from django.db import transaction

    plan = make_plan(org_a)
    token = stamps.token(PLAN_PAGES_STAMP)
    with pytest.raises(RuntimeError), transaction.atomic():
        ActionPlan.objects.filter(pk=plan.pk).update(title="Never committed")
        raise RuntimeError
    assert stamps.token(PLAN_PAGES_STAMP) == token
    Membership.objects.filter(user=partner).delete()  # access taken away
    assert stamps.token(PLAN_PAGES_STAMP) != token
