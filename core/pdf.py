"""HTML to PDF with WeasyPrint (plans and training documents), reading static files from disk, not over HTTP.

Fetching /static/ over HTTP from inside a request would make a single-worker server wait on itself;
reading from disk also means a plan's text can never make the server fetch an outside address.
"""

import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation


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


PDF_CACHE_FOLDER = "pdf-cache"


def document_html(template, context, *, request, language, printed_at):
    """A printable document's HTML in ``language``, with its "printed" line at ``printed_at`` (None: no line)."""
    with translation.override(language):
        return render_to_string(template, {**context, "printed_at": printed_at}, request=request)


def document_page(template, context, *, request, language):
    """The printable document as a page of the app, printed now."""
    return HttpResponse(
        document_html(template, context, request=request, language=language, printed_at=timezone.localtime())
    )


def pdf_once(*, folder, version, language, template, context, request):
    """The PDF of a document, made once and then served from media storage (Django's storages API, so S3 works).

    ``context`` is read once by the view; the HTML is rendered from it without the printing time and hashed, so the
    file's name carries the document's version, its language and what it shows: a new version, another language, a
    new measurement or an action that became overdue today make a new file; anything else is served as it was made
    (its "printed" line then says when it was made). Rendering the HTML again for a new file reads nothing more (the
    same context); rendering takes milliseconds, WeasyPrint seconds. Older files of the same document and language
    are deleted when a new one is made.
    """
    options = {"request": request, "language": language}
    fingerprint = hashlib.sha256(document_html(template, context, printed_at=None, **options).encode()).hexdigest()
    prefix = f"{language}-v{version}-"
    name = f"{PDF_CACHE_FOLDER}/{folder}/{prefix}{fingerprint[:20]}.pdf"
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError):
        pass
    html = document_html(template, context, printed_at=timezone.localtime(), **options)
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    _replace(folder=folder, language=language, name=name, pdf=pdf)
    return pdf


def _replace(*, folder, language, name, pdf):
    try:
        _dirs, files = default_storage.listdir(f"{PDF_CACHE_FOLDER}/{folder}")
    except (FileNotFoundError, NotImplementedError):
        files = []
    for old in files:
        if old.startswith(f"{language}-"):
            default_storage.delete(f"{PDF_CACHE_FOLDER}/{folder}/{old}")
    if not default_storage.exists(name):  # two requests at once: the first one's file stays
        default_storage.save(name, ContentFile(pdf))
