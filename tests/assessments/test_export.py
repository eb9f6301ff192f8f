# ruff: noqa: RUF002
"""The back office's export of self-assessment scores: one row per organization × assessment × content area."""

import csv
import io

import pytest

from assessments.models import Answer, Assessment
from assessments.resources import AreaScoreResource
from core.exports import export_bytes
from tests.assessments.conftest import make_assessment, make_questions

pytestmark = pytest.mark.django_db


def test_one_row_per_organization_assessment_and_area_with_readable_labels(org_a, org_b):
    questions = make_questions(per_area=2)
    make_assessment(org_a, year=2024, levels=0, questions=questions)
    latest = make_assessment(org_a, year=2025, levels=[3, 2] * 7, questions=questions)
    make_assessment(org_b, year=2025, status="draft", levels=1, questions=questions)
    answer = Answer.objects.filter(assessment=latest, question__content_area="gbv").first()
    answer.validated_level = 0
    answer.save()

    data = export_bytes(resource=AreaScoreResource(), queryset=Assessment.objects.all(), file_format="csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 3 * 7
    row = next(
        r
        for r in rows
        if r["Organization"] == org_a.name and r["Year"] == "2025" and r["Content area"].startswith("Gender-based")
    )
    # gbv: the coordinator's 0 replaces the 3, plus a 2: 2 of 6 = 33; the other areas 5 of 6 = 83.
    assert (row["Score (0–100)"], row["Maturity"], row["Status"]) == ("33", "Developing", "Validated")
    assert row["Overall score"] == str(round((33 + 6 * 83) / 7))
    draft = next(r for r in rows if r["Organization"] == org_b.name)
    assert draft["Status"] == "Draft" and draft["Kind"] == "State body"


def test_staff_without_the_export_permission_cannot_export(client, staff):
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_assessment"))
    client.force_login(staff)
    assert client.get("/admin/assessments/assessment/").status_code == 200
    assert client.get("/admin/assessments/assessment/export/").status_code == 403


def test_staff_with_the_export_permission_opens_the_export(client, staff):
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_assessment", "export_assessment"]))
    client.force_login(staff)
    assert client.get("/admin/assessments/assessment/export/").status_code == 200
