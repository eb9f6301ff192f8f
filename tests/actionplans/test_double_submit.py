"""A double click on "Save" of a progress update or a measurement saves once (issue 17, item 6).

The pages carry the same one-time token as the training page: the second identical POST is answered with
"already saved" and a redirect, and writes nothing.
"""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, Indicator, Measurement, ProgressUpdate
from tests.actionplans.conftest import make_plan
from tests.actionplans.test_editor import minimal_pdf

ALREADY = "This page was already saved; nothing was saved twice."


@pytest.fixture
def approved_plan(org_a):
    return make_plan(org_a, status=ActionPlan.Status.APPROVED)


def _token(client, url):
    return client.get(url).context["form"]["form_token"].value()


def test_a_second_identical_post_of_a_progress_update_saves_nothing(client_for, partner, approved_plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(partner)
    url = reverse("actionplans:progress", args=[approved_plan.pk])
    token = _token(client, url)

    def post():
        data = {"date": "2026-05-01", "narrative": "Done a lot", "form_token": token}
        return client.post(url, {**data, "files": [SimpleUploadedFile("minutes.pdf", minimal_pdf())]})

    assert post().status_code == 302
    second = post()
    assert second.status_code == 302 and second["Location"].startswith(approved_plan.get_absolute_url())
    assert ALREADY in client.get(second["Location"]).content.decode()
    assert ProgressUpdate.objects.filter(plan=approved_plan).count() == 1
    assert approved_plan.progress_updates.get().evidence.count() == 1

    # A fresh page (a new token) records the next update.
    data = {"date": "2026-06-01", "narrative": "More", "form_token": _token(client, url)}
    assert client.post(url, data).status_code == 302
    assert ProgressUpdate.objects.filter(plan=approved_plan).count() == 2


def test_a_second_identical_post_of_a_measurement_saves_nothing(client_for, partner, approved_plan):
    client = client_for(partner)
    indicator = Indicator.objects.get(objective__plan=approved_plan)
    url = reverse("actionplans:measure", args=[approved_plan.pk, indicator.pk])
    data = {"date": "2026-07-01", "women": 4, "total": 10, "form_token": _token(client, url)}
    before = Measurement.objects.count()

    assert client.post(url, data).status_code == 302
    second = client.post(url, data)
    assert second.status_code == 302
    assert ALREADY in client.get(second["Location"]).content.decode()
    assert Measurement.objects.count() == before + 1


def test_a_twin_post_that_raced_past_the_check_loses_on_the_unique_token(
    client_for, partner, approved_plan, monkeypatch
):
    """Two requests racing past the "already saved?" check: the unique token lets only one row in."""
    from actionplans import views

    client = client_for(partner)
    indicator = Indicator.objects.get(objective__plan=approved_plan)
    url = reverse("actionplans:measure", args=[approved_plan.pk, indicator.pk])
    data = {"date": "2026-07-01", "women": 4, "total": 10, "form_token": _token(client, url)}
    assert client.post(url, data).status_code == 302
    count = Measurement.objects.count()

    monkeypatch.setattr(views, "recorded_with", lambda **kwargs: False)  # the twin did not see the first row yet
    second = client.post(url, data)
    assert second.status_code == 302
    assert ALREADY in client.get(second["Location"]).content.decode()
    assert Measurement.objects.count() == count
