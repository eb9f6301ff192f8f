# ruff: noqa: RUF002
"""Geometry of the self-assessment charts (SVG drawn by templates/assessments/_chart_*.html).

As on the dashboard (dashboard/charts.py): horizontal positions are percentages of the width, vertical ones
pixels, no viewBox, so text keeps its size on a phone; numbers in SVG attributes are written here with a dot.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assessments.models import Maturity

THIS = "#6b3fa0"
PREVIOUS = "#1c7c74"
MEDIAN = "#495057"
MATURITY_COLOURS = {
    Maturity.STARTING: "#b42318",
    Maturity.DEVELOPING: "#b45309",
    Maturity.ESTABLISHED: "#1d4ed8",
    Maturity.LEADING: "#15803d",
}
MAX_LABEL = 44
BAR = 9
GAP = 3


def shorten(text, limit=MAX_LABEL):
    """A label that fits on a phone; the full text stays in the SVG's description and the numbers table."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pct(value):
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def px(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass
class Bar:
    name: str
    value: int
    colour: str
    y: str
    width: str
    text_y: str


@dataclass
class Group:
    label: str
    full_label: str
    label_y: str
    bars: list = field(default_factory=list)


@dataclass
class GroupedChart:
    height: int
    groups: list
    legend: list


def comparison_chart(comparison):
    """Per area one bar for this assessment, one for the previous (if any) and one for the median (if shown),
    on a 0–100 scale (the left 88 % of the width; the number sits at the right)."""
    series = [(_("This assessment"), "score", THIS)]
    if comparison.previous_year:
        series.append((_("Previous (%(year)s)") % {"year": comparison.previous_year}, "previous", PREVIOUS))
    if comparison.median_shown:
        series.append((_("Programme median"), "median", MEDIAN))
    groups, top = [], 0
    for area in comparison.areas:
        group = Group(label=shorten(area.label), full_label=area.label, label_y=px(top + 14))
        y = top + 22
        for name, attribute, colour in series:
            value = getattr(area, attribute)
            if value is not None:
                group.bars.append(
                    Bar(
                        name=name,
                        value=value,
                        colour=colour,
                        y=px(y),
                        width=pct(max(88 * value / 100, 0.6)),
                        text_y=px(y + BAR - 1),
                    )
                )
            y += BAR + GAP
        groups.append(group)
        top = y + 8
    return GroupedChart(height=top, groups=groups, legend=[(name, colour) for name, _a, colour in series])


@dataclass
class Segment:
    label: str
    count: int
    colour: str
    x: str
    width: str


@dataclass
class StackRow:
    label: str
    full_label: str
    label_y: str
    bar_y: str
    segments: list


def distribution_chart(distribution, *, row_height=40):
    """One 100 % bar per area split by how many organizations are at each maturity level."""
    labels = dict(Maturity.choices)
    rows = []
    for index, item in enumerate(distribution):
        top, x, segments = index * row_height, 0.0, []
        for maturity in Maturity.values:
            count = item.counts[maturity]
            if count:
                width = 100 * count / item.organizations
                segments.append(
                    Segment(
                        label=str(labels[maturity]),
                        count=count,
                        colour=MATURITY_COLOURS[maturity],
                        x=pct(x),
                        width=pct(width),
                    )
                )
                x += width
        rows.append(
            StackRow(
                label=shorten(item.label),
                full_label=item.label,
                label_y=px(top + 15),
                bar_y=px(top + 21),
                segments=segments,
            )
        )
    legend = [(str(labels[m]), MATURITY_COLOURS[m]) for m in Maturity.values]
    return {"height": len(rows) * row_height, "rows": rows, "legend": legend}
