"""HTML to PDF with WeasyPrint (plans and training documents), reading static files from disk, not over HTTP.

Fetching /static/ over HTTP from inside a request would make a single-worker server wait on itself;
reading from disk also means a plan's text can never make the server fetch an outside address.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


def _static_path(url):
    path = unquote(urlparse(url).path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix):
        return None
    name = path[len(prefix) :]
    try:
        stored = Path(staticfiles_storage.path(name))
        if stored.is_file():
            return stored
    except NotImplementedError:
        pass
    found = finders.find(name)
    return Path(found) if found else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serve /static/ files from disk; refuse everything else."""

        def fetch(self, url, headers=None):
            path = _static_path(url)
            if path is None:
                raise ValueError(f"Only static files are loaded into PDFs, not {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticOnlyFetcher()


def html_to_pdf(html, *, base_url):
    """The PDF bytes of an HTML page (A4 and the fonts come from the page's print CSS)."""
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF download needs

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()
