"""Pages travel gzip-compressed to a browser that asks (issue 16 §5: a partner on a slow link)."""

import gzip

from actionplans.models import ActionPlan


def test_a_page_is_served_gzip_compressed_when_the_browser_asks(client_for, partner, org_a):
    ActionPlan.objects.create(organization=org_a, title="Plan A", period_start="2026-01-01", period_end="2026-12-31")
    client = client_for(partner)

    plain = client.get("/")
    compressed = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    body = gzip.decompress(compressed.content).decode()
    assert "Plan A" in body
    assert len(compressed.content) < len(plain.content) / 2


def test_compression_keeps_the_content_security_policy_and_its_nonce(client_for, partner):
    response = client_for(partner).get("/", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert "script-src" in response["Content-Security-Policy"]


def test_the_same_page_compresses_differently_each_time_against_breach(client_for, partner):
    """Django's GZipMiddleware pads the gzip header at random, so a response's length says nothing about secrets."""
    client = client_for(partner)
    sizes = {len(client.get("/", headers={"accept-encoding": "gzip"}).content) for _ in range(8)}

    assert len(sizes) > 1
