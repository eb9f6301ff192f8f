"""The assessment page draws the scores as an SVG chart with its numbers table: this assessment against the
organization's previous validated one and the programme median (from five organizations assessed, none named)."""

import re

import pytest
from django.utils.html import escape

from tests.assessments.conftest import make_assessment, make_organizations, make_questions

pytestmark = pytest.mark.django_db


def table_rows(page):
    """{row heading: [cells]} of the numbers table."""
    table = page[page.index('id="score-table"') : page.index("</table>", page.index('id="score-table"'))]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        heading = re.search(r"<th scope=\"row\"[^>]*>(.*?)</th>", row, re.S)
        if heading:
            rows[heading.group(1).strip()] = [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


def chart(page):
    return page[page.index('<svg class="chart-svg"') : page.index("</svg>", page.index('<svg class="chart-svg"'))]


def programme(org_a, others):
    """A's baseline (2024, all missing) and its re-assessment (2025, all in place), and ``others`` organizations
    assessed at 0, 33, 67, 100, 0, ... per area."""
    questions = make_questions(per_area=1)
    make_assessment(org_a, year=2024, levels=0, questions=questions)
    current = make_assessment(org_a, year=2025, levels=2, questions=questions)
    organizations = make_organizations(others)
    for index, organization in enumerate(organizations):
        make_assessment(organization, year=2025, levels=index % 4, questions=questions)
    return current, organizations


def test_the_chart_and_its_table_compare_with_the_previous_assessment_and_the_programme_median(client, org_a, partner):
    current, others = programme(org_a, 4)
    client.force_login(partner)
    page = client.get(current.get_absolute_url()).content.decode()

    # Per area: this assessment 67 (established), the previous 0, the median of 67, 0, 33, 67, 100 = 67.
    rows = table_rows(page)
    assert rows["Leadership and decision-making"] == ["67", "Established", "0", "67"]
    assert rows["Overall"] == ["67", "Established", "0", "67"]
    assert "Previous (2024)" in page and "Programme median" in page
    svg = chart(page)
    assert svg.count("<title>This assessment: 67</title>") == 7
    assert svg.count("<title>Previous (2024): 0</title>") == 7
    assert svg.count("<title>Programme median: 67</title>") == 7
    # No other organization is named anywhere on the page.
    assert not any(escape(organization.name) in page for organization in others)


def test_below_five_organizations_the_median_is_neither_drawn_nor_tabled(client, org_a, partner):
    current, _others = programme(org_a, 3)
    client.force_login(partner)
    page = client.get(current.get_absolute_url()).content.decode()
    assert table_rows(page)["Leadership and decision-making"] == ["67", "Established", "0"]
    assert "Programme median" not in chart(page) and "Programme median</th>" not in page
    assert "The programme median is shown once at least five organizations are assessed." in page


def test_a_first_assessment_has_no_previous_column(client, org_a, partner):
    current = make_assessment(org_a, year=2025, levels=3, questions=make_questions(per_area=1))
    client.force_login(partner)
    page = client.get(current.get_absolute_url()).content.decode()
    assert table_rows(page)["Leadership and decision-making"] == ["100", "Leading"]
    assert "Previous (" not in page
