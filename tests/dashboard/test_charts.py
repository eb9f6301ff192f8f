"""The charts are server-rendered SVG with titles, the expected bars and labels, and their numbers as tables."""

import datetime
import re
import xml.etree.ElementTree as ET

from actionplans.models import Action, ActionPlan, ContentArea, Objective
from dashboard.charts import bar_chart, nice_ticks, participants_chart, pct, shorten
from dashboard.selectors import YearReach
from organizations.models import Organization

SVG = "{http://www.w3.org/2000/svg}"


def charts_on(page):
    """Every chart (role="img") on the page, parsed as XML: a malformed drawing fails here."""
    return {
        svg.find(f"{SVG}title").text: svg
        for svg in (ET.fromstring(markup) for markup in re.findall(r"<svg\b.*?</svg>", page, flags=re.S))
        if svg.get("role") == "img"
    }


def texts(svg):
    return [element.text for element in svg.iter(f"{SVG}text")]


def rects(svg, fill):
    return [rect for rect in svg.iter(f"{SVG}rect") if rect.get("fill") == fill]


def test_every_chart_is_an_accessible_image_with_a_title_and_a_description(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=2025").content.decode()
    charts = charts_on(page)

    assert set(charts) == {
        "Participants by gender, per year",
        "Action plans by status",
        "Overdue actions per organization",
        "Share of women in management and decision-making, baseline and latest",
    }
    for svg in charts.values():
        labelled_by = svg.get("aria-labelledby").split()
        ids = {element.get("id") for element in svg.iter() if element.get("id")}
        assert set(labelled_by) <= ids
        assert svg.find(f"{SVG}desc").text.strip()
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_participants_chart_has_a_stacked_column_per_year_with_totals_and_share_of_women(
    programme, client_for, coordinator
):
    page = client_for(coordinator).get("/?year=2025").content.decode()
    svg = charts_on(page)["Participants by gender, per year"]
    labels = texts(svg)

    assert "2024" in labels and "2025" in labels
    assert "7" in labels and "17" in labels  # totals above the columns
    assert "71%" in labels and "59%" in labels  # women's share under them (5/7, 10/17)
    assert len(rects(svg, "#6b3fa0")) == 2  # a women segment per year
    assert len(rects(svg, "#1c7c74")) == 2  # a men segment per year
    assert len(rects(svg, "#868e96")) == 1  # only 2025 has someone who did not state a gender
    assert "Participants" in labels  # the axis title
    assert "2025: 17 participants, 10 women, 6 men, 1 not stated" in svg.find(f"{SVG}desc").text


def test_plans_chart_has_a_labelled_bar_per_status(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=all").content.decode()
    svg = charts_on(page)["Action plans by status"]
    labels = texts(svg)

    for status in ("Draft", "Submitted for review", "Returned for changes", "Approved", "Completed", "Archived"):
        assert status in labels
    assert labels.count("1") == 5 and labels.count("0") == 1


def test_overdue_chart_names_the_organizations_with_their_counts(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=2025").content.decode()
    svg = charts_on(page)["Overdue actions per organization"]

    assert texts(svg) == ["Women's Initiative Osh", "2", "Naryn Regional Administration", "1"]
    widths = [rect.get("width") for rect in rects(svg, "#b42318")]
    assert widths == ["100%", "50%"]


def test_decision_making_chart_draws_baseline_and_latest_dots(programme, client_for, coordinator):
    page = client_for(coordinator).get("/").content.decode()
    svg = charts_on(page)["Share of women in management and decision-making, baseline and latest"]
    labels = texts(svg)

    assert "Women's Initiative Osh" in labels and "20% → 40%" in labels
    assert "Naryn Regional Administration" in labels and "25%" in labels  # one snapshot: one dot
    circles = list(svg.iter(f"{SVG}circle"))
    assert len(circles) == 3
    assert {"0%", "50%", "100%"} <= set(labels)  # the axis


def test_every_chart_offers_its_numbers_as_a_table(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=2025").content.decode()

    assert page.count("<summary>Show the numbers</summary>") == 4
    participants_table = page.split('<caption class="visually-hidden">Participants by gender, per year</caption>')[1]
    row_2025 = re.sub(r"\s+", " ", participants_table.split("</tr>")[2])
    assert re.sub(r"<[^>]+>", " ", row_2025).split() == ["2025", "2", "10", "6", "1", "17", "58.8"]
    decision_table = page.split("baseline and latest</caption>")[1].split("</table>")[0]
    assert "2023-01-01" in decision_table and "2 / 10" in decision_table and "4 / 10" in decision_table


def test_the_overdue_table_stops_with_the_chart_and_links_to_the_plans_with_overdue_actions(client_for, coordinator):
    """At 2,000 organizations a table of all of them weighed megabytes: it shows the chart's 12 and says how many
    more there are, with a link to the plans list filtered by overdue actions."""
    for i in range(14):
        org = Organization.objects.create(name=f"Partner {i:02}", kind="local_cso")
        plan = ActionPlan.objects.create(
            organization=org, title="Plan", period_start="2025-01-01", period_end="2025-12-31"
        )
        objective = Objective.objects.create(plan=plan, title="O", content_area=ContentArea.GBV)
        Action.objects.create(objective=objective, title="Late", due_date=datetime.date(2025, 1, 1))

    page = client_for(coordinator).get("/?year=2025").content.decode()
    svg = charts_on(page)["Overdue actions per organization"]

    assert len(rects(svg, "#b42318")) == 12
    table = page.split('<caption class="visually-hidden">Overdue actions per organization</caption>')[1]
    assert table.split("</table>")[0].count("Partner ") == 12
    assert "And 2 more organizations." in page
    assert '/plans/?overdue=true">Plans with overdue actions</a>' in page


def test_numbers_in_svg_attributes_keep_a_dot_decimal_in_russian(programme, client_for, coordinator):
    client = client_for(coordinator)
    page = client.get("/?year=2025", headers={"accept-language": "ru"}).content.decode()

    assert '<html lang="ru">' in page
    for svg in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        ET.fromstring(svg)
        assert not re.search(r'(?:x|y|width|height|cx)="\d+,\d', svg)


def test_nice_ticks_are_round_and_cover_the_largest_value():
    assert nice_ticks(17) == [0, 5, 10, 15, 20]
    assert nice_ticks(99) == [0, 50, 100]
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(1234)[-1] >= 1234


def test_long_organization_names_are_shortened_on_the_chart_only():
    name = "Social Research Centre of the American University of Central Asia"
    chart = bar_chart([(name, 3)])

    assert chart.bars[0].label.endswith("…") and len(chart.bars[0].label) <= 44
    assert chart.bars[0].full_label == name
    assert shorten("Short") == "Short"


def test_a_column_chart_of_one_year_stays_narrow_and_centred():
    chart = participants_chart([YearReach(year=2025, sessions=1, women=3, men=1)])

    assert [c.label for c in chart.columns] == ["2025"]
    women = chart.columns[0].segments[0]
    assert women.width == "12%"
    assert pct(55.5) == "55.5%"
