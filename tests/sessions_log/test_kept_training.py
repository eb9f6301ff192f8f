"""A training's form kept whole for each coordinator (core.kept) under a stamp the database renews on every write
to a table it reads: each serving carries a fresh one-time token, so two edits opened from kept pages both save."""

import re

import pytest
from django.urls import reverse

from sessions_log.models import Facilitator, TrainingSession
from sessions_log.selectors import TRAINING_PAGES_STAMP
from tests.kept import kept, kept_views, tables_not_renewing
from tests.sessions_log.page_data import attendance, session_page_data
from tests.sessions_log.test_session_form import seed_page

TOKEN = re.compile(r'name="form_token" value="([^"]*)"')


@pytest.fixture
def training(client_for, coordinator, org_a, org_b):
    client = client_for(coordinator)
    client.post(reverse("sessions_log:create"), seed_page(org_a, org_b))
    session = TrainingSession.objects.get()
    client.get(session.get_absolute_url())  # where the save's message is shown
    return session


def test_every_table_the_training_form_reads_renews_its_stamp(client_for, coordinator, training):
    url = reverse("sessions_log:edit", args=[training.pk])
    assert {name for name, stamp in kept_views().items() if stamp == TRAINING_PAGES_STAMP} == {"sessions_log:edit"}
    client = client_for(coordinator)
    assert tables_not_renewing(client, url, TRAINING_PAGES_STAMP) == []
    assert kept(client.get(url))


def test_each_kept_serving_carries_a_fresh_one_time_token_and_both_edits_save(client_for, coordinator, training):
    url = reverse("sessions_log:edit", args=[training.pk])
    client = client_for(coordinator)
    client.get(url)
    servings = [client.get(url), client.get(url)]
    assert all(kept(page) for page in servings)
    tokens = [TOKEN.findall(page.content.decode()) for page in servings]
    assert all(len(found) == 1 and found[0] for found in tokens) and tokens[0] != tokens[1]

    for (token,), name in zip(tokens, ("Maria Petersson", "Aida Bekova"), strict=True):
        data = session_page_data(
            token=token,
            facilitators=[{"name": name, "affiliation": "CAG"}],
            attendances=[
                attendance(None, 1, new_organization_name=f"{name} Network", new_organization_kind="local_cso")
            ],
        )
        answer = client.post(url, data)
        assert answer.status_code == 302, answer.content.decode()[:2000]
        page = client.get(url)  # drawn again after the write (and its message)
        assert not kept(page) and name in page.content.decode()
    assert set(Facilitator.objects.values_list("name", flat=True)) >= {"Maria Petersson", "Aida Bekova"}
