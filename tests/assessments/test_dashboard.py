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
    # Three organizations: no median (it would come close to one organization's score), nor a change over two.
    assert (area.organizations, area.median, area.change, area.compared) == (3, None, None, 2)


def test_the_median_score_and_change_show_from_five_organizations(org_a):
    questions = make_questions(per_area=1)
    # Five organizations assessed twice: baselines 0 and latest 0, 33, 67, 100, 100 (changes the same).
    for organization, latest in zip([org_a, *make_organizations(4)], [0, 1, 2, 3, 3], strict=True):
        make_assessment(organization, year=2024, levels=0, questions=questions)
        make_assessment(organization, year=2025, levels=latest, questions=questions)
    area = programme_distribution()[0]
    assert (area.organizations, area.median, area.change, area.compared) == (5, 67, 67, 5)


def test_below_five_organizations_the_dashboard_shows_no_median(client, coordinator, org_a):
    make_assessment(org_a, levels=2, questions=make_questions(per_area=1))
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    table = page[page.index('id="assessment-table"') : page.index("</table>", page.index('id="assessment-table"'))]
    assert ">67<" not in table  # the one organization's score
    assert "A median is shown once at least five organizations give it" in page


def test_the_coordinators_dashboard_shows_the_section(client, coordinator, org_a):
    make_assessment(org_a, levels=2, questions=make_questions(per_area=1))
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert 'id="assessment-table"' in page
    assert "Gender self-assessment: maturity per content area" in page


def test_without_validated_assessments_the_section_says_so(client, coordinator):
    client.force_login(coordinator)
    assert "No validated self-assessment yet." in client.get(reverse("home")).content.decode()
