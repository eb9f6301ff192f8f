"""The client's address for the sign-in lockout and the reset limits is read from X-Forwarded-For only as far as
TRUSTED_PROXY_COUNT trusts it (issue 17, item 3); what a client writes there itself never counts. The whole path
behind a real nginx is tests/accounts/test_lockout_behind_nginx.py."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip


def _request(forwarded=None):
    headers = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/accounts/login/", **headers)


@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.9", "198.51.100.1, 203.0.113.9"])
def test_without_a_trusted_proxy_the_connections_address_counts(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded)) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),  # nginx appended the client's address
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own "6.6.6.6" is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies: the second address from the right
        (1, None, "10.0.0.1"),  # a request that did not come through the proxy
        (2, "203.0.113.9", "10.0.0.1"),  # fewer addresses than proxies: none of them is trusted
    ],
)
def test_behind_trusted_proxies_the_address_they_saw_counts(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(forwarded)) == expected
