"""The invitation mail through a real SMTP server on loopback (aiosmtpd, on a port the fixture picks)."""

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse

from organizations.models import Membership


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_loopback_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_the_invitation_arrives_by_smtp_in_kyrgyz_and_its_link_works(smtp_inbox, client_for, coordinator, org_a):
    client_for(coordinator).post(
        reverse("accounts:members", args=[org_a.pk]),
        {"email": "zhyldyz@example.org", "role": "editor", "language": "ky"},
    )
    [message] = smtp_inbox.messages
    assert message["To"] == "zhyldyz@example.org"
    assert "чакыруу" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = re.search(r"https?://[^/\s]+(/accounts/invitations/[^/\s]+/)", text).group(1)
    assert link in html

    newcomer = Client()
    password = "a-long-and-new-secret-2026"
    response = newcomer.post(
        link,
        {
            "first_name": "Zhyldyz",
            "last_name": "Bekova",
            "language": "ky",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(organization=org_a, user__email="zhyldyz@example.org").role == "editor"
