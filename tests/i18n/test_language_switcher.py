"""The header's language switcher, the language saved on the profile, and the browser's language as default."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

COOKIE = settings.LANGUAGE_COOKIE_NAME


def page_language(response):
    """The language the page was rendered in, as its <html lang> says."""
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def sign_in_with_password(client, user):
    """Sign in through the real login view (not force_login), as a person does on a new browser."""
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed"
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, expected", [("ru", "ru"), ("ky-KG,ky;q=0.9,ru;q=0.8", "ky"), ("de", "en"), ("", "en")]
)
def test_anonymous_visitor_gets_the_browsers_language(client, header, expected):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=header)
    assert page_language(response) == expected
    assert response["Content-Language"] == expected


@pytest.mark.django_db
def test_the_header_offers_each_language_in_its_own_name_and_marks_the_current_one(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ky").content.decode()
    assert f'action="{reverse("set_language")}"' in html
    for code, name in [("en", "English"), ("ru", "Русский"), ("ky", "Кыргызча")]:
        assert re.search(rf'<button name="language" value="{code}" lang="{code}"\s+title="{name}"', html)
    current = re.findall(r'value="(\w+)"[^>]*aria-current="true"', html, flags=re.S)
    assert current == ["ky"]
    # The visible code and, for screen readers, the whole name that starts with it (WCAG 2.5.3, label in name).
    for short, name in [("ENG", "English"), ("РУС", "Русский"), ("КЫР", "Кыргызча")]:
        assert f'>{short}<span class="visually-hidden"> {name}</span></button>' in html


@pytest.mark.django_db
def test_anonymous_choice_is_kept_in_a_cookie_and_wins_over_the_browser(client):
    response = client.post(reverse("set_language"), {"language": "ky", "next": reverse("login")})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.cookies[COOKIE].value == "ky"
    assert client.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    assert page_language(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ru")) == "ky"


def test_signed_in_choice_is_saved_on_the_profile(client_for, partner):
    client = client_for(partner)
    response = client.post(reverse("set_language"), {"language": "ru", "next": reverse("actionplans:list")})
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplans:list")
    partner.refresh_from_db()
    assert partner.language == "ru"
    assert page_language(client.get(reverse("actionplans:list"))) == "ru"


def test_language_persists_after_signing_out_and_in_on_another_browser(partner):
    first_browser = Client()
    sign_in_with_password(first_browser, partner)
    first_browser.post(reverse("set_language"), {"language": "ky", "next": "/"})
    first_browser.post(reverse("logout"))

    # Another browser, which prefers English and has never seen the switcher.
    second_browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert page_language(second_browser.get(reverse("login"))) == "en"
    response = sign_in_with_password(second_browser, partner)
    assert response.cookies[COOKIE].value == "ky"
    assert page_language(second_browser.get(reverse("home"), follow=True)) == "ky"


def test_saved_language_wins_over_cookie_and_browser(client_for, partner):
    partner.language = "ru"
    partner.save()
    client = client_for(partner)
    client.cookies[COOKIE] = "ky"
    response = client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ky")
    assert page_language(response) == "ru"
    assert response["Content-Language"] == "ru"
    assert response.cookies[COOKIE].value == "ru"


def test_blank_saved_language_follows_the_browser(client_for, partner):
    assert partner.language == ""
    client = client_for(partner)
    assert page_language(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ky")) == "ky"
    assert page_language(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ru")) == "ru"


def test_unknown_language_changes_nothing(client_for, partner):
    client = client_for(partner)
    response = client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.language == ""
    assert COOKIE not in response.cookies


@pytest.mark.django_db
def test_switcher_refuses_get_and_foreign_redirects(client):
    assert client.get(reverse("set_language"), {"language": "ru"}).status_code == 405
    response = client.post(reverse("set_language"), {"language": "ru", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
def test_switcher_needs_the_csrf_token(partner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    assert client.post(reverse("set_language"), {"language": "ky"}).status_code == 403
    partner.refresh_from_db()
    assert partner.language == ""


def test_a_saved_language_the_site_no_longer_offers_falls_back_to_the_browser(client_for, partner):
    partner.language = "de"  # Django has German, this site does not offer it
    partner.save()
    response = client_for(partner).get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page_language(response) == "ru"


@pytest.mark.django_db
def test_the_switcher_as_drawn_posts_with_its_own_token_and_comes_back_to_the_page_and_its_query(partner):
    """The form's hidden fields, read off the page, are what set_language needs: the visitor's CSRF token and the
    page with its query string (its "&" written as "&amp;" in the attribute)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    html = client.get(reverse("actionplans:list"), QUERY_STRING="status=draft&q=water").content.decode()
    forms = re.findall(r'<form method="post" action="/i18n/setlang/" class="language-switcher.*?</form>', html, re.S)
    assert len(forms) == 2  # the narrow and the wide header's copies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', forms[0]).group(1)
    assert 'name="next" value="/plans/?status=draft&amp;q=water"' in forms[0]
    back = "/plans/?status=draft&q=water"
    response = client.post(reverse("set_language"), {"csrfmiddlewaretoken": token, "next": back, "language": "ky"})
    assert response.status_code == 302 and response["Location"] == back
    partner.refresh_from_db()
    assert partner.language == "ky"
