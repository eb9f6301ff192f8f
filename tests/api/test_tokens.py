"""Personal access tokens: made on the API tokens page and shown once, stored hashed, expiring, revocable,
read-only on request, throttled per token, and every request made with one logged."""

import datetime
import hashlib
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from api.models import ApiRequest, PersonalAccessToken
from api.throttling import TokenRateThrottle


def _make_on_page(client, **data):
    response = client.post(reverse("api:tokens"), {"name": "Power BI", "lifetime": 90, **data}, follow=True)
    assert response.redirect_chain == [(reverse("api:tokens"), 302)]
    return response, re.search(r'value="(gap_[^"]+)"', response.content.decode()).group(1)


def test_a_token_is_shown_once_and_only_its_hash_is_stored(client_for, partner):
    client = client_for(partner)
    _response, raw = _make_on_page(client)
    token = PersonalAccessToken.objects.get()
    assert token.user == partner and token.name == "Power BI" and not token.read_only
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw[4:12] == token.prefix
    stored = [str(value) for value in PersonalAccessToken.objects.values_list().get()]
    assert not any(raw in value or raw[12:] in value for value in stored)
    assert 89 <= (token.expires_at - timezone.now()).days <= 90
    again = client.get(reverse("api:tokens")).content.decode()
    assert raw not in again and token.display_prefix in again  # listed, never shown again
    session = "".join(str(value) for value in client.session.values())
    assert raw not in session and raw[12:] not in session  # nor kept on the server on the way


def test_the_token_works_and_its_use_is_recorded_and_logged(client_for, client, partner):
    _response, raw = _make_on_page(client_for(partner))
    client.logout()
    response = client.get("/api/plans/?status=approved", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    token = PersonalAccessToken.objects.get()
    assert token.last_used_at is not None
    entry = ApiRequest.objects.get()
    assert (entry.user, entry.token, entry.method, entry.path, entry.query, entry.status) == (
        partner,
        token,
        "GET",
        "/api/plans/",
        "status=approved",
        200,
    )
    assert entry.ip_address == "127.0.0.1"


def test_a_session_request_is_not_logged(client_for, partner):
    assert client_for(partner).get("/api/plans/").status_code == 200
    assert not ApiRequest.objects.exists()


def test_a_revoked_token_stops_working(client_for, client, partner):
    page = client_for(partner)
    _response, raw = _make_on_page(page)
    token = PersonalAccessToken.objects.get()
    response = page.post(reverse("api:token_revoke", args=[token.pk]), follow=True)
    assert "was revoked" in response.content.decode()
    client.logout()
    refused = client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 401 and refused.json()["detail"] == "This token was revoked."


def test_nobody_revokes_someone_elses_token(client_for, partner, partner_b, token_for):
    token_for(partner)
    token = PersonalAccessToken.objects.get()
    response = client_for(partner_b).post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "test" not in client_for(partner_b).get(reverse("api:tokens")).content.decode().split("<main")[1]


def test_an_expired_token_stops_working(client, partner, token_for):
    raw = token_for(partner)
    PersonalAccessToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401 and response.json()["detail"] == "This token has expired."
    assert not ApiRequest.objects.exists()


@pytest.mark.parametrize("header", ["Bearer gap_0000000000000000", "Bearer nonsense", "Bearer", "Token a b"])
def test_an_unknown_or_malformed_token_is_a_401(client, partner, token_for, header):
    token_for(partner)
    assert client.get("/api/plans/", HTTP_AUTHORIZATION=header).status_code == 401


def test_a_tampered_token_with_a_known_prefix_is_refused(client, partner, token_for):
    raw = token_for(partner)
    assert client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {raw[:-1]}x").status_code == 401


def test_a_deactivated_persons_token_stops_working(client, partner, token_for):
    raw = token_for(partner)
    partner.is_active = False
    partner.save()
    assert client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_read_only_token_made_on_the_page_reads_but_never_writes(client_for, client, partner, org_a):
    _response, raw = _make_on_page(client_for(partner), read_only="on")
    client.logout()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/organizations/", **auth).status_code == 200
    response = client.post(
        f"/api/organizations/{org_a.pk}/headcounts/",
        {"as_of": "2026-01-01", "levels": [{"level": "governing", "women": 1, "men": 1}]},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 403 and response.json()["detail"] == "This token is read-only."
    assert [entry.status for entry in ApiRequest.objects.order_by("pk")] == [200, 403]


def test_requests_are_throttled_per_token(client, partner, token_for, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "rate", "3/minute", raising=False)
    first, second = token_for(partner), token_for(partner)
    answers = [client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
    assert ApiRequest.objects.filter(status=429).count() == 1


def test_the_default_rate_comes_from_the_settings(settings):
    assert TokenRateThrottle().get_rate() == settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]


def test_the_token_page_needs_a_sign_in(client, db):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_header_links_to_the_token_page(client_for, partner):
    assert reverse("api:tokens") in client_for(partner).get("/").content.decode()


def test_the_command_prints_a_working_token(client, partner, capsys):
    call_command("api_token_create", "partner", "--name", "CI", "--read-only", "--days", "2")
    raw = capsys.readouterr().out.strip()
    token = PersonalAccessToken.objects.get()
    assert token.read_only and token.name == "CI" and token.matches(raw)
    assert client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_staff_read_tokens_and_the_request_log_in_the_back_office(client, admin_user, partner, token_for):
    raw = token_for(partner)
    client.get("/api/organizations/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.force_login(admin_user)
    tokens = client.get(reverse("admin:api_personalaccesstoken_changelist")).content.decode()
    assert "gap_" + PersonalAccessToken.objects.get().prefix in tokens
    assert PersonalAccessToken.objects.get().key_hash not in tokens
    log = client.get(reverse("admin:api_apirequest_changelist")).content.decode()
    assert "/api/organizations/" in log and "partner" in log
    assert client.get(reverse("admin:api_apirequest_add")).status_code == 403


def test_the_request_log_is_pruned_by_age(client, partner, token_for, capsys):
    raw = token_for(partner)
    for _ in range(2):
        client.get("/api/plans/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    ApiRequest.objects.filter(pk=ApiRequest.objects.order_by("pk").first().pk).update(
        at=timezone.now() - datetime.timedelta(days=400)
    )
    call_command("api_requests_prune", "--days", "365")
    assert "1 API requests older than 365 days deleted." in capsys.readouterr().out
    assert ApiRequest.objects.count() == 1


def test_the_blank_form_is_drawn_once_and_a_refused_one_keeps_what_was_typed(client_for, partner):
    """The blank form comes from the fragments cache; a posted form with an error is drawn from what was posted."""
    client = client_for(partner)
    blank = client.get(reverse("api:tokens")).content.decode()
    assert 'name="name"' in blank and "is-invalid" not in blank

    refused = client.post(reverse("api:tokens"), {"name": "Power BI", "lifetime": 7}).content.decode()

    assert 'value="Power BI"' in refused and "is-invalid" in refused
    assert client.get(reverse("api:tokens")).content.decode().count('value="Power BI"') == 0
