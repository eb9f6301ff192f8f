"""The print view and its PDF: the whole plan on A4, with lines for the head of the organization to sign."""

import subprocess

from django.urls import reverse

from actionplans.models import ActionPlan
from tests.actionplans.conftest import make_plan

CYRILLIC_TITLE = "Гендерный план действий 2026 — Өмүр үчүн"


def test_print_view_has_the_whole_plan_and_signature_lines(client, partner, org_a):
    plan = make_plan(org_a, title=CYRILLIC_TITLE)
    client.force_login(partner)
    page = client.get(reverse("actionplans:print", args=[plan.pk])).content.decode()
    assert CYRILLIC_TITLE in page
    assert "We commit to equal participation" in page
    assert "Quota for women on the board 2" in page and "Share of women on the board" in page
    assert "Head of the organization" in page and "Signature" in page and "Stamp" in page
    assert "plan_print.css" in page
    assert "data-print" in page and "js/print.js" in page  # the Print button (its script is a static file: CSP)


def test_pdf_download_is_a_pdf_with_the_plans_cyrillic_title(client, partner, org_a, tmp_path):
    plan = make_plan(org_a, title=CYRILLIC_TITLE, status=ActionPlan.Status.APPROVED)
    client.force_login(partner)
    response = client.get(reverse("actionplans:pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    # The file is named after the organization and the plan, Cyrillic included (RFC 5987 encoding).
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''wio-")
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert CYRILLIC_TITLE in text
    assert "Head of the organization" in text
    assert "Print" not in text.split("\n")[0]  # no screen toolbar in the document


def test_pdf_loads_only_static_files_never_other_addresses():
    from actionplans.pdf import _static_path

    assert _static_path("http://testserver/static/css/plan_print.css").name == "plan_print.css"
    assert _static_path("http://169.254.169.254/latest/meta-data/") is None
    assert _static_path("file:///etc/passwd") is None
