"""No write without a CSRF token: every URL of the app is posted by a signed-in person who may write there (or, where
nobody may, who may read it), with `Client(enforce_csrf_checks=True)` and without the token: 403, and the database
is unchanged. The URLs come from tests/sweeps/expectations.py, whose inventory test fails for a URL without a line, so
a new POST URL is swept too. The admin's model pages are swept for the first model of each app (same views).

The REST API takes personal access tokens without CSRF by design (a token is not sent by the browser on its own);
its session-cookie writes are refused without the token like any form.
"""

import datetime

import pytest

from tests.sweeps.expectations import ROLES
from tests.sweeps.machinery import fingerprint, forms_harvest, request_rolled_back, targets, writers
from tests.sweeps.test_access_sweep import answer, client_for


def _api(url):
    return {"content_type": "application/json"} if url.startswith("/api/") else {}


def _role_for(target):
    """Who posts: one allowed to write there, else a signed-in reader (the CSRF check comes before the view)."""
    signed_in = [role for role in writers(target.page) if role != "anonymous"]
    if signed_in:
        return signed_in[0]
    if writers(target.page):
        return "anonymous"  # the sign-in, password reset and invitation forms: nobody is signed in yet
    readers = [r for r in ROLES if r != "anonymous" and target.page.expected("get", r) == "200"]
    return readers[0] if readers else "coordinator"


def test_no_url_writes_without_a_csrf_token(world):
    all_targets = [t for t in targets(world.ids)[0] if t.superuser_sample]
    forms = forms_harvest(world, all_targets, client_for)
    baseline = fingerprint()
    clients, problems, swept = {}, [], 0
    for target in all_targets:
        role = _role_for(target)
        client = clients.get(role) or clients.setdefault(role, client_for(world, role, enforce_csrf_checks=True))
        data = forms.get(target.url.split("?")[0], {})
        method = target.page.method
        response, changed = request_rolled_back(client, method, target.url, data, baseline=baseline, **_api(target.url))
        swept += 1
        # A URL nobody writes through may also answer 405 before the check (the health probe, the API's schema).
        refused = ("403",) if writers(target.page) else ("403", "405")
        if answer(response) not in refused or changed:
            problems.append(f"{method.upper()} {target.url} as {role} without a CSRF token: {answer(response)}"
                            + (", and it wrote" if changed else ""))  # fmt: skip
    assert swept > 100
    assert not problems, "\n".join(problems)


def test_an_api_write_with_the_session_cookie_and_no_csrf_token_is_refused(world):
    client = client_for(world, "partner", enforce_csrf_checks=True)
    url = f"/api/indicators/{world.ids['indicator']}/measurements/"
    body = {"date": "2026-06-01", "women": 1, "total": 2}
    before = fingerprint()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert fingerprint() == before


def test_an_api_write_with_a_personal_access_token_needs_no_csrf_token(world):
    """By design: the token is sent by a program, never by the browser on its own, so there is nothing to forge."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    indicator = world.ids["indicator"]
    before = fingerprint()
    response = client.post(
        f"/api/indicators/{indicator}/measurements/",
        {"date": datetime.date(2026, 6, 1).isoformat(), "women": 1, "total": 2, "value": 50},
        content_type="application/json",
        headers={"authorization": f"Token {world.ids['token_raw']}"},
    )
    assert response.status_code not in (401, 403), response.content
    assert response.status_code < 500
    if response.status_code == 201:
        assert fingerprint() != before


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password_reset/"])
def test_anonymous_forms_need_the_token_too(client, db, path):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, {"username": "x", "password": "y", "email": "a@b.c"})
    assert response.status_code == 403
