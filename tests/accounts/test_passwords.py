"""Password reset and change through Django's own views, and signing in with the e-mail address."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

NEW_PASSWORD = "a-much-longer-new-secret-2026"


def reset_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)


def test_reset_journey_sets_a_new_password_once(client, partner):
    response = client.post(reverse("password_reset"), {"email": partner.email})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert [m.to for m in mail.outbox] == [[partner.email]]

    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.url == reverse("password_reset_complete")
    partner.refresh_from_db()
    assert partner.check_password(NEW_PASSWORD)

    # The token is single-use: the same link now shows the clear page, not a form.
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]
    assert "already been used" in again.content.decode()


def test_reset_for_unknown_address_looks_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_tampered_reset_link_shows_a_clear_page(client, partner):
    response = client.get("/accounts/reset/MQ/set-password/", follow=True)
    assert response.status_code == 200
    assert not response.context["validlink"]


def test_weak_password_is_refused_beside_the_field(client, partner):
    client.post(reverse("password_reset"), {"email": partner.email})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    partner.refresh_from_db()
    assert partner.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Reset your password"), ("ru", "Сброс пароля"), ("ky", "Сырсөздү калыбына келтирүү")]
)
def test_reset_page_in_each_language(client, db, lang, heading):
    client.cookies["django_language"] = lang
    response = client.get(reverse("password_reset"), HTTP_ACCEPT_LANGUAGE=lang)
    assert heading in response.content.decode()


def test_password_change_needs_sign_in(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["partner", "viewer", "coordinator", "staff", "admin_user"])
def test_every_role_can_change_the_password(request, client_for, role):
    user = request.getfixturevalue(role)
    user.set_password(PASSWORD)
    user.save()
    client = client_for(user)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("password_change_done")
    assert client.get(reverse("password_change_done")).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_sign_in_with_email_or_username(partner):
    for name in (partner.username, partner.email, partner.email.upper()):
        client = Client()
        response = client.post(reverse("login"), {"username": name, "password": PASSWORD})
        assert response.status_code == 302, name
        assert client.session["_auth_user_id"] == str(partner.pk)


def test_wrong_password_with_email_counts_for_axes(partner, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        client.post(reverse("login"), {"username": partner.email, "password": "wrong"})
    response = client.post(reverse("login"), {"username": partner.email, "password": PASSWORD})
    assert response.status_code != 302 or "_auth_user_id" not in client.session


def test_reset_requests_are_limited_per_address(client, partner, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 2
    for _ in range(2):
        assert client.post(reverse("password_reset"), {"email": partner.email}).status_code == 302
    response = client.post(reverse("password_reset"), {"email": partner.email.upper()})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert len(mail.outbox) == 2
    # An unknown address gets the same answer, so the limit reveals nothing either.
    for _ in range(2):
        client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert client.post(reverse("password_reset"), {"email": "nobody@example.org"}).status_code == 200


def test_reset_requests_are_limited_per_ip(client, partner, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 3
    for n in range(3):
        assert client.post(reverse("password_reset"), {"email": f"someone{n}@example.org"}).status_code == 302
    response = client.post(reverse("password_reset"), {"email": partner.email})
    assert response.status_code == 200 and mail.outbox == []
    other_ip = Client(REMOTE_ADDR="10.0.0.9").post(reverse("password_reset"), {"email": partner.email})
    assert other_ip.status_code == 302 and len(mail.outbox) == 1
