"""The dashboard's self-assessment section: organizations per maturity level per content area, the median score
and the median change since each organization's baseline (its first validated assessment)."""

import pytest
from django.urls import reverse

from assessments.selectors import programme_distribution
from tests.assessments.conftest import make_assessment, make_organizations, make_questions

pytestmark = pytest.mark.django_db


def test_distribution_counts_each_organizations_latest_validated_assessment(org_a, org_b):
    questions = make_questions(per_area=1)
    make_assessment(org_a, year=2024, levels=0, questions=questions)  # baseline 0
    make_assessment(org_a, year=2025, levels=2, questions=questions)  # latest 67: established, +67
    make_assessment(org_b, year=2023, levels=1, questions=questions)  # baseline 33
    make_assessment(org_b, year=2025, levels=3, questions=questions)  # latest 100: leading, +67
    (third,) = make_organizations(1)
    make_assessment(third, year=2025, levels=1, questions=questions)  # only one: developing, no change
    make_assessment(third, year=2026, levels=3, questions=questions, status="submitted")  # not validated: ignored
    area = programme_distribution()[0]
    assert area.area == "leadership"
    assert area.counts == {"starting": 0, "developing": 1, "established": 1, "leading": 1}
    assert (area.organizations, area.median, area.change, area.compared) == (3, 67, 67, 2)


def test_the_coordinators_dashboard_shows_the_section(client, coordinator, org_a):
    make_assessment(org_a, levels=2, questions=make_questions(per_area=1))
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert 'id="assessment-table"' in page
    assert "Gender self-assessment: maturity per content area" in page


def test_without_validated_assessments_the_section_says_so(client, coordinator):
    client.force_login(coordinator)
    assert "No validated self-assessment yet." in client.get(reverse("home")).content.decode()
