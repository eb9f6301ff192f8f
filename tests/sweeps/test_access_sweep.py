"""Every URL pattern of the app, for every role of the cast, on the demo data with organization A's ids filled in.

GET: never a 500, each role's answer as tests/sweeps/expectations.py says (anonymous visitors are sent to sign in;
organization B's editor and staff without permission get the same answer for A's ids as for ids no row has).
POST: what a person allowed to write there would post (the form their page offers) is posted by every role; the
roles that may not write change nothing in the database (fingerprint of every table). A URL pattern without a line
in the table fails here, so a new page cannot escape the sweep.
"""

import os

import pytest
from django.test import Client

from tests.sweeps.expectations import ROLES, Page
from tests.sweeps.machinery import fingerprint, forms_harvest, request_rolled_back, targets

PROBE = os.environ.get("SWEEP_PROBE")  # a file to write the answers seen to, in the table's notation
SIGN_IN = "/accounts/login/?next="
ADMIN_SIGN_IN = "/admin/login/?next="


def answer(response):
    """A response in the table's notation."""
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(SIGN_IN):
        return "login"
    if response.status_code == 302 and location.startswith(ADMIN_SIGN_IN):
        return "admin"
    return str(response.status_code)


def matches(seen, expected):
    if expected.removesuffix(".w") == "-":
        return True
    if expected.startswith("ok"):
        return seen in ("200", "201", "204", "301", "302", "303", "400", "409")
    return seen == expected


def client_for(world, role, **options):
    client = Client(raise_request_exception=False, **options)  # a 500 is a finding, reported with the others
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def _api(url):
    return {"content_type": "application/json"} if url.startswith("/api/") else {}


def test_every_url_pattern_has_an_expectation(world):
    found, unexpected = targets(world.ids)
    assert not unexpected, "URL patterns without a line in tests/sweeps/expectations.py:\n" + "\n".join(unexpected)
    assert len(found) > 150


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_expected(world, role):
    client = client_for(world, role)
    baseline = fingerprint()
    problems, seen_by_key = [], {}
    for target in targets(world.ids)[0]:
        if role == "admin" and not target.superuser_sample:
            continue
        response, changed = request_rolled_back(client, "get", target.url, baseline=baseline)
        seen = answer(response)
        seen_by_key.setdefault(target.key, set()).add(seen)
        expected = target.page.expected("get", role)
        if response.status_code >= 500 or not matches(seen, expected):
            problems.append(f"GET {target.url} ({target.key}): {seen}, expected {expected}")
        if changed and not target.page.get_writes:
            problems.append(f"GET {target.url} ({target.key}) wrote to the database")
        if target.missing_url and role in ("partner_b", "staff"):
            missing, _changed = request_rolled_back(client, "get", target.missing_url)
            if answer(missing) != seen:
                problems.append(f"GET {target.url}: {seen}, but {answer(missing)} for ids no row has")
    if PROBE:
        with open(PROBE, "a") as out:
            out.write(f"{role} { ({key: sorted(seen) for key, seen in seen_by_key.items()})!r}\n")
    assert not problems, "\n".join(problems)


def test_writes_refused_to_a_role_change_nothing(world):
    all_targets = targets(world.ids)[0]
    forms = forms_harvest(world, all_targets, client_for)
    baseline = fingerprint()
    problems, observed = [], {}
    for role in ROLES:
        client = client_for(world, role)
        for target in all_targets:
            page: Page = target.page
            expected = page.expected("post", role)
            if role == "admin" and not target.superuser_sample:
                continue
            if expected is None and page.expected("get", role) in ("200", "-"):
                continue  # a page this role reads, which takes no POST: nothing to refuse
            data = forms.get(target.url.split("?")[0], {})
            response, changed = request_rolled_back(
                client, page.method, target.url, data, baseline=baseline, **_api(target.url)
            )
            seen = answer(response)
            observed.setdefault(target.key, {})[role] = seen
            if response.status_code >= 500:
                problems.append(f"POST {target.url} as {role}: {seen}")
                continue
            may_write = expected is not None and expected.endswith(".w")
            if changed and not may_write:
                problems.append(f"POST {target.url} as {role} ({seen}) changed the database")
            if expected is None:
                if seen not in ("403", "405") and not matches(seen, page.expected("get", role)):
                    problems.append(f"POST {target.url} as {role}: {seen} (GET-only URL)")
            elif not matches(seen, expected.removesuffix(".w")):
                problems.append(f"{page.method.upper()} {target.url} as {role}: {seen}, expected {expected}")
    if PROBE:
        with open(PROBE, "a") as out:
            for key, by_role in observed.items():
                out.write(f"POST {key:45} {' '.join(by_role.get(r, '?') for r in ROLES)}\n")
    assert not problems, "\n".join(problems)
