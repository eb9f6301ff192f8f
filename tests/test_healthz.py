"""/healthz answers 503, never 500, when the database is down, even for a probe that sends a session cookie
(issue 17, item 9): the session and the signed-in person are read from the database before any view runs."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection


@contextmanager
def database_down():
    refuse = mock.Mock(side_effect=OperationalError("could not connect to server: Connection refused"))
    with mock.patch.object(connection, "cursor", refuse), mock.patch.object(connection, "chunked_cursor", refuse):
        yield


@pytest.mark.parametrize("cookie", ["none", "signed-in", "made-up"])
def test_healthz_answers_503_during_a_database_outage(client, partner, cookie):
    if cookie == "signed-in":
        client.force_login(partner)
    elif cookie == "made-up":
        client.cookies["sessionid"] = "x" * 32
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_answers_200_when_the_database_answers(client, partner):
    client.force_login(partner)
    assert client.get("/healthz").status_code == 200
