"""Main pages in Russian and Kyrgyz: translated headings and navigation, no English left in the header.

Commit together with test_catalogs.py once the translators have filled locale/ru and locale/ky.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

NAVIGATION = ["Home", "Trainings", "Topics", "Organizations", "Action plans", "Sign out"]
COORDINATOR_PAGES = ["home", "sessions_log:list", "sessions_log:topics", "organizations:list", "actionplans:list"]


def heading(html):
    return re.sub(r"<[^>]+>|\s+", " ", re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S).group(1)).strip()


def navigation(html):
    return re.search(r"<nav class=\"navbar.*?</nav>", html, flags=re.S).group(0)


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_coordinator_navigation_is_in_the_chosen_language(client_for, coordinator, language):
    client = client_for(coordinator)
    nav = navigation(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode())
    for msgid in NAVIGATION:
        with translation.override(language):
            translated = translation.gettext(msgid)
        assert translated != msgid, f"{msgid!r} has no {language} translation"
        assert translated in nav
        assert f">{msgid}<" not in nav


@pytest.mark.parametrize("language", ["ru", "ky"])
@pytest.mark.parametrize("url_name", COORDINATOR_PAGES)
def test_main_page_headings_are_translated(client_for, coordinator, language, url_name):
    client = client_for(coordinator)
    english = heading(client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    translated = heading(client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE=language).content.decode())
    assert translated != english, f"{url_name}: the heading {english!r} is still English in {language}"
