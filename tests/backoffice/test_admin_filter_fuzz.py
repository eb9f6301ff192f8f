"""Every admin list answers any filter value without a 500 (issue 17, item 7).

``?year=0``, ``?year=10000`` or a huge number broke the session-related lists; ``?kind=%00`` or
``?status=%00`` broke on PostgreSQL, which refuses NUL characters in text.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.urls import reverse

from sessions_log.models import TrainingSession
from tests.actionplans.conftest import make_plan

# "²" is a digit to str.isdigit() that int() refuses; 10000 and -1 are years no date has.
BAD_VALUES = ["0", "10000", "-1", "99999999999999999999999", "\x00", "abc", "²"]
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def some_rows(org_a, org_b, coordinator):
    make_plan(org_a)
    TrainingSession.objects.create(
        title="Gender mainstreaming",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 2),
        created_by=coordinator,
    )


def _filter_parameters(client, url):
    """The query parameters the list's filters, date hierarchy, search, sorting and paging read."""
    changelist = client.get(url).context["cl"]
    names = {"q", "o", "p", "e", "_facets"}
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    if changelist.date_hierarchy:
        names.update(f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(names)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_no_filter_value_makes_an_admin_list_fail(client_for, admin_user, some_rows, model):
    client = client_for(admin_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    failures = []
    for name in _filter_parameters(client, url):
        for value in BAD_VALUES:
            response = client.get(f"{url}?{urlencode({name: value})}")
            if response.status_code >= 500:
                failures.append(f"{name}={value!r}")
            assert response.status_code in (200, 302, 400), (name, value, response.status_code)
    assert failures == []


@pytest.mark.parametrize("path", ["/admin/sessions_log/trainingsession/", "/admin/actionplans/actionplan/"])
@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999999", "²"])
def test_a_year_out_of_range_shows_the_list_unfiltered_or_refuses_it(client_for, admin_user, some_rows, path, year):
    response = client_for(admin_user).get(f"{path}?year={year}")
    assert response.status_code in (200, 302)
