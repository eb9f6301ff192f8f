"""Evidence files are checked for what they claim to be, not by their first bytes only (issue 17, item 4).

Accepted before: PNG and GIF headers followed by a script, a "PDF" that is HTML after its header, a real PDF
that runs JavaScript when opened, and a small .docx that unpacks to gigabytes.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from actionplans.models import ActionPlan, Evidence
from tests.actionplans.conftest import make_plan, minimal_pdf, minimal_png

SCRIPT = b"<html><script>alert(document.cookie)</script></html>"


def _pdf_with(action):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _javascript_pdf():
    return _pdf_with(
        DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
    )


def _launch_pdf():
    return _pdf_with(
        DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})
    )


def _docx(extra=None, *, big=0):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
        if big:
            with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(big):
                    member.write(chunk)
    return out.getvalue()


@pytest.fixture
def approved_plan(org_a):
    return make_plan(org_a, status=ActionPlan.Status.APPROVED)


@pytest.fixture
def editor_client(client_for, partner):
    return client_for(partner)


def _upload(client, plan, name, content):
    return client.post(
        reverse("actionplans:progress", args=[plan.pk]),
        {"date": "2026-05-01", "narrative": "See the file", "files": [SimpleUploadedFile(name, content)]},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + SCRIPT, "photo.png is not a readable image"),
        ("photo.gif", b"GIF89a" + SCRIPT, "photo.gif is not a readable image"),
        ("report.pdf", b"%PDF-1.4\n" + SCRIPT, "report.pdf is not a readable PDF"),
        ("report.pdf", _javascript_pdf(), "report.pdf contains scripts or actions"),
        ("report.pdf", _launch_pdf(), "report.pdf contains scripts or actions"),
        ("minutes.docx", _docx(big=120), "minutes.docx unpacks to more than"),
        ("minutes.docx", _docx({"word/vbaProject.bin": b"\0" * 64}), "minutes.docx contains macros"),
        ("minutes.docx", b"PK\x03\x04" + SCRIPT, "minutes.docx is not"),
    ],
    ids=["png-script", "gif-script", "pdf-html", "pdf-javascript", "pdf-launch", "docx-bomb", "docx-macro", "zip-junk"],
)
def test_a_file_that_is_not_what_it_claims_is_refused(editor_client, approved_plan, name, content, message):
    response = _upload(editor_client, approved_plan, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("minutes.pdf", minimal_pdf()), ("photo.png", minimal_png()), ("minutes.docx", _docx())],
)
def test_real_files_are_accepted(editor_client, approved_plan, name, content):
    assert _upload(editor_client, approved_plan, name, content).status_code == 302
    assert Evidence.objects.count() == 1


def test_evidence_downloads_are_private_and_sandboxed(editor_client, approved_plan):
    _upload(editor_client, approved_plan, "minutes.pdf", minimal_pdf())
    evidence = Evidence.objects.get()
    response = editor_client.get(reverse("actionplans:evidence", args=[approved_plan.pk, evidence.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
