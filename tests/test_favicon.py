"""A favicon and a small logo mark on every page (issue 13 §6): the page links them and the files are there."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse


def test_every_page_links_a_favicon_and_shows_the_logo_mark(client):
    html = client.get(reverse("login")).content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)
    assert {Path(icon).suffix for icon in icons} >= {".svg", ".png"}
    assert re.search(r'<a class="navbar-brand[^>]*><img src="/static/img/logo.svg" alt=""', html)
    for icon in icons:
        file = Path(settings.BASE_DIR, "static", icon)
        assert file.is_file() and file.stat().st_size > 0, icon
