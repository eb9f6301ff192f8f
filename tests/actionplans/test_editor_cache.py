"""The plan editor's fields are drawn once per reporting stamp, plan version and language (issue 16): every write
shows on the next opening, the version guard keeps working, and nothing personal or posted is served from the
cache."""

import datetime
import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

from actionplans.models import ActionPlan, Indicator
from organizations.models import HeadcountSnapshot, Level
from tests.actionplans.conftest import editor_data


def _version(html):
    return int(re.search(r'name="plan-version" value="(\d+)"', html).group(1))


def _csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_save_through_the_editor_shows_on_the_next_opening_and_saves_again(client, partner, plan_a):
    """The cached page carries the version it was drawn at: after a save the next page has the new version, so
    saving it again is accepted, not refused as someone else's change."""
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan_a.pk])
    assert _version(client.get(url).content.decode()) == 1
    data = editor_data(plan_a)
    data["plan-title"] = "Equal say in Osh"
    assert client.post(url, data).status_code == 302

    html = client.get(url).content.decode()
    assert _version(html) == 2 and 'value="Equal say in Osh"' in html
    data = editor_data(plan_a)
    data["plan-title"] = "Equal say in Osh, 2026"
    assert client.post(url, data).status_code == 302
    plan_a.refresh_from_db()
    assert (plan_a.title, plan_a.version) == ("Equal say in Osh, 2026", 3)


def test_a_back_office_write_shows_on_the_next_opening(client, partner, plan_a):
    """A row changed elsewhere (the back office or the API save it without the editor's version) renews the stamp."""
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan_a.pk])
    assert "Share of women on the board" in client.get(url).content.decode()
    indicator = Indicator.objects.get(objective__plan=plan_a)
    indicator.name = "Women among the board's members"
    indicator.save()
    html = client.get(url).content.decode()
    assert "Women among the board&#x27;s members" in html and "Share of women on the board" not in html


def test_a_version_moved_without_a_signal_is_not_served_stale(client, partner, plan_a):
    """``versions_bump`` is a QuerySet.update() (no signal, no new stamp): the version in the key still gives the
    page the plan's current version, so a save from it is not refused."""
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan_a.pk])
    assert _version(client.get(url).content.decode()) == 1
    ActionPlan.objects.filter(pk=plan_a.pk).versions_bump()
    assert _version(client.get(url).content.decode()) == 2


def test_a_post_with_errors_is_drawn_from_what_was_posted(client, partner, plan_a):
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan_a.pk])
    client.get(url)  # the blank page is in the cache
    data = editor_data(plan_a)
    data["plan-title"] = ""
    data["plan-statement_of_intent"] = "Typed before the mistake"
    page = client.post(url, data).content.decode()
    assert "Nothing was saved yet" in page and "Typed before the mistake" in page and "is-invalid" in page
    again = client.get(url).content.decode()
    assert "Typed before the mistake" not in again and "is-invalid" not in again


def test_each_editor_gets_their_own_csrf_token_and_others_no_page(partner, viewer, partner_b, plan_a):
    """The cached part holds no CSRF token; a viewer of the organization and an editor of another one opening the
    page after it was cached get the same answers as before (403, 404)."""
    url = reverse("actionplans:edit", args=[plan_a.pk])
    first, second = Client(), Client()
    first.force_login(partner)
    second.force_login(partner)
    one, two = first.get(url).content.decode(), second.get(url).content.decode()
    assert 'id="objective-' in two and _csrf(one) != _csrf(two)
    reader, outsider = Client(), Client()
    reader.force_login(viewer)
    outsider.force_login(partner_b)
    assert reader.get(url).status_code == 403
    assert outsider.get(url).status_code == 404


def test_a_russian_opening_after_an_english_one_is_in_russian(client, partner, plan_a):
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan_a.pk])
    assert "Add an objective" in client.get(url).content.decode()
    with translation.override("en"):  # the request leaves Russian active in this thread; later tests expect English
        russian = client.get(url, headers={"accept-language": "ru"}).content.decode()
    assert "Добавить цель" in russian and "Add an objective" not in russian


def test_a_new_headcount_shows_on_the_cached_editor(client, partner, org_a, plan_a):
    """The headcounts are not under the stamp: they are read on every opening."""
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan_a.pk])
    assert "No headcount recorded for your organization yet." in client.get(url).content.decode()
    HeadcountSnapshot.objects.create(
        organization=org_a, as_of=datetime.date(2026, 1, 1), level=Level.GOVERNING, women=3, men=5
    )
    html = client.get(url).content.decode()
    assert "No headcount recorded" not in html and "(3/8," in html
