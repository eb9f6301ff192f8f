"""A period report prints on A4 with signature lines and downloads as a PDF, in the language of the person who
asks."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from actionplans.models import PeriodReport


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in the partner's language leaves it active in this thread: give later tests the one they had."""
    with translation.override(translation.get_language()):
        yield


def translated(language, text):
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result


def test_the_print_view_has_the_report_and_signature_lines(client, partner, rplan_a, today):
    PeriodReport.objects.create(period=rplan_a.reporting_periods.get(number=1), achieved="Twelve people trained.")
    client.force_login(partner)
    page = client.get(reverse("actionplans:report_print", args=[rplan_a.pk, 1])).content.decode()
    assert "plan_print" in page  # the A4 stylesheet (@page size A4) of the plan's document
    assert "Twelve people trained." in page and "People trained" in page
    signatures = page[page.index('class="signatures"') :]
    for caption in ("Head of the organization", "Programme coordinator", "Signature", "Full name", "Date"):
        assert caption in signatures


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_the_print_view_and_the_pdf_speak_the_language_of_who_asks(client, partner, rplan_a, language, tmp_path):
    partner.language = language
    partner.save()
    client.force_login(partner)
    heading = translated(language, "What got in the way")
    page = client.get(reverse("actionplans:report_print", args=[rplan_a.pk, 1])).content.decode()
    assert heading in page and "What got in the way" not in page
    response = client.get(reverse("actionplans:report_pdf", args=[rplan_a.pk, 1]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert heading in text and translated(language, "Signature") in text
    assert "What got in the way" not in text
