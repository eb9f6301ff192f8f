"""A period report's evidence files are checked by their content like a progress update's (issue 17, item 4):
the report page is this round's way to send evidence, so a file that is not what it claims is refused there too,
beside the field, and nothing of the report is saved."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import Evidence, PeriodReport
from tests.actionplans.test_evidence_content import SCRIPT, _javascript_pdf
from tests.reporting.test_cycle import report_data


def _post(client, plan, name, content):
    data = report_data(plan, achieved="See the file", files=[SimpleUploadedFile(name, content)])
    return client.post(reverse("actionplans:report_edit", args=[plan.pk, 1]), data)


def test_a_disguised_image_on_a_period_report_is_refused_beside_the_field(client, partner, rplan_a, today):
    client.force_login(partner)
    response = _post(client, rplan_a, "photo.png", b"\x89PNG\r\n\x1a\n" + SCRIPT)
    assert response.status_code == 200
    assert "photo.png is not a readable image" in response.content.decode()
    assert not Evidence.objects.exists() and not PeriodReport.objects.exists()


def test_a_pdf_with_javascript_on_a_period_report_is_refused(client, partner, rplan_a, today):
    client.force_login(partner)
    response = _post(client, rplan_a, "report.pdf", _javascript_pdf())
    assert response.status_code == 200
    assert "report.pdf contains scripts or actions" in response.content.decode()
    assert not Evidence.objects.exists()
