"""Geometry of the dashboard's charts, drawn as SVG by the templates in ``templates/dashboard/_chart_*.html``.

Horizontal positions are percentages of the chart's width and vertical ones are pixels, and there is no
``viewBox``: the bars stretch with the column while the text keeps its real size, so the same chart reads
at 390 px on a phone, on a wide screen and on paper, with no script.

Every number that ends up in an SVG attribute is formatted here as a string with a dot decimal, because the
template layer would localize a float ("12,5" in Russian) and break the drawing.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from core.figures import whole_percent

# Colours: each has at least 3:1 contrast against white (WCAG 1.4.11); text on the charts is near-black.
WOMEN = "#6b3fa0"
MEN = "#1c7c74"
NOT_STATED = "#868e96"
OVERDUE = "#b42318"
STATUS_COLOURS = {
    ActionPlan.Status.DRAFT: "#868e96",
    ActionPlan.Status.SUBMITTED: "#b45309",
    ActionPlan.Status.RETURNED: "#c2410c",
    ActionPlan.Status.APPROVED: "#15803d",
    ActionPlan.Status.COMPLETED: "#1d4ed8",
    ActionPlan.Status.ARCHIVED: "#495057",
}
MAX_LABEL = 44
NO_VALUE = "\u2013"  # an en dash where there is no number


def pct(value):
    """A percentage for an SVG attribute: dot decimal, two places at most."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def px(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def shorten(text, limit=MAX_LABEL):
    """A label that fits on a phone; the full text stays in the SVG <title> and the table."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_ticks(maximum, count=4):
    """Round gridline values from 0 to at least ``maximum`` (1, 2 or 5 times a power of ten apart)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


@dataclass
class Segment:
    label: str
    value: int
    colour: str
    x: str
    y: str
    width: str
    height: str


@dataclass
class Column:
    label: str
    centre: str
    total: int
    total_y: str
    share_text: str
    segments: list = field(default_factory=list)


@dataclass
class ColumnChart:
    """Stacked columns: participants by gender, one column per year."""

    height: int
    plot_left: str
    axis_y: str
    label_y: str
    share_y: str
    ticks: list
    columns: list
    legend: list


def participants_chart(reach_years):
    """Women, men and not stated stacked per year, with the total above and women's share below each column."""
    plot_top, plot_height, left = 26, 170, 11.0
    axis_y = plot_top + plot_height
    ticks = nice_ticks(max((reach.participants for reach in reach_years), default=0))
    scale = plot_height / ticks[-1]
    slot = (100 - left) / max(len(reach_years), 1)
    width = min(slot * 0.56, 12.0)
    columns = []
    for index, reach in enumerate(reach_years):
        centre = left + slot * (index + 0.5)
        column = Column(
            label=str(reach.year),
            centre=pct(centre),
            total=reach.participants,
            total_y=px(axis_y - reach.participants * scale - 7),
            share_text=f"{whole_percent(reach.share_of_women)}%" if reach.share_of_women is not None else NO_VALUE,
        )
        bottom = axis_y
        for label, value, colour in (
            (_("Women"), reach.women, WOMEN),
            (_("Men"), reach.men, MEN),
            (_("Not stated"), reach.not_stated, NOT_STATED),
        ):
            if not value:
                continue
            height = value * scale
            column.segments.append(
                Segment(
                    label=label,
                    value=value,
                    colour=colour,
                    x=pct(centre - width / 2),
                    y=px(bottom - height),
                    width=pct(width),
                    height=px(height),
                )
            )
            bottom -= height
        columns.append(column)
    return ColumnChart(
        height=axis_y + 44,
        plot_left=pct(left),
        axis_y=px(axis_y),
        label_y=px(axis_y + 18),
        share_y=px(axis_y + 36),
        ticks=[(f"{tick:,}".replace(",", "\u2009"), px(axis_y - tick * scale), pct(left - 1.5)) for tick in ticks],
        columns=columns,
        legend=[(_("Women"), WOMEN), (_("Men"), MEN), (_("Not stated"), NOT_STATED)],
    )


@dataclass
class Bar:
    label: str
    full_label: str
    value: int
    colour: str
    label_y: str
    bar_y: str
    width: str


@dataclass
class BarChart:
    """Horizontal bars, each with its label and number on a line above it (long names fit on a phone)."""

    height: int
    bars: list
    row_height: int = 40


def bar_chart(items, *, colour=None, colours=None, row_height=40):
    """Bars for ``(label, value)`` pairs scaled to the largest value; ``colours`` maps a key to a colour."""
    largest = max((value for _, value, *_ in items), default=0) or 1
    bars = []
    for index, (label, value, *key) in enumerate(items):
        top = index * row_height
        bars.append(
            Bar(
                label=shorten(str(label)),
                full_label=str(label),
                value=value,
                colour=colours[key[0]] if colours and key else colour,
                label_y=px(top + 15),
                bar_y=px(top + 22),
                # A zero still shows a sliver, so the row does not look like a missing value.
                width=pct(max(100 * value / largest, 0.6)),
            )
        )
    return BarChart(height=len(bars) * row_height, bars=bars, row_height=row_height)


def plans_chart(plans, *, year):
    """One bar per plan status; ``plans`` maps a status to (count in year, count overall)."""
    labels = dict(ActionPlan.Status.choices)
    items = [(labels[status], counts[0] if year else counts[1], status) for status, counts in plans.items()]
    if not any(value for _, value, _ in items):
        items = []
    return bar_chart(items, colours=STATUS_COLOURS)


# Rows a chart (and the table under it) shows: at 2,000 organizations a chart of all of them would weigh megabytes.
CHART_ROWS = 12


def overdue_chart(overdue, *, limit=CHART_ROWS):
    """The organizations with most overdue actions; the plans list filtered by overdue has the rest."""
    return bar_chart(overdue[:limit], colour=OVERDUE)


@dataclass
class Dumbbell:
    label: str
    full_label: str
    label_y: str
    line_y: str
    parity_top: str
    parity_bottom: str
    baseline_x: str | None
    latest_x: str | None
    text: str
    rising: bool | None


@dataclass
class DumbbellChart:
    """Earliest and latest share per organization on a 0 to 100 % scale, with the parity line at 50 %."""

    height: int
    rows: list
    axis_y: str
    axis_label_y: str
    parity_x: str
    scale_end: str
    ticks: list


# The dots use the left 80 % of the width; the numbers sit in a column on the right, level with them.
SCALE_WIDTH = 80.0


def _on_scale(share):
    # 1.5 % of padding on each side keeps a dot at 0 % or 100 % whole.
    return 1.5 + (SCALE_WIDTH - 3) * share / 100


def decision_making_chart(shares, *, row_height=46):
    rows = []
    for index, item in enumerate(shares):
        top = index * row_height
        base, latest = item.baseline_share, item.latest_share
        if latest is None:
            text = NO_VALUE
        elif item.single_snapshot or base is None:
            text = f"{whole_percent(latest)}%"
        else:
            text = f"{whole_percent(base)}% → {whole_percent(latest)}%"
        rows.append(
            Dumbbell(
                label=shorten(item.organization),
                full_label=item.organization,
                label_y=px(top + 15),
                line_y=px(top + 31),
                parity_top=px(top + 23),
                parity_bottom=px(top + 39),
                baseline_x=pct(_on_scale(base)) if base is not None and not item.single_snapshot else None,
                latest_x=pct(_on_scale(latest)) if latest is not None else None,
                text=text,
                rising=None if item.change is None or item.single_snapshot else item.change >= 0,
            )
        )
    axis_y = len(rows) * row_height + 4
    return DumbbellChart(
        height=axis_y + 22,
        rows=rows,
        axis_y=px(axis_y),
        axis_label_y=px(axis_y + 16),
        parity_x=pct(_on_scale(50)),
        scale_end=pct(SCALE_WIDTH),
        ticks=[
            (f"{tick}%", pct(_on_scale(tick)), anchor)
            for tick, anchor in ((0, "start"), (25, "middle"), (50, "middle"), (75, "middle"), (100, "middle"))
        ],
    )


def gender_split(reach):
    """Widths of the women / men / not stated parts of a single 100 % bar."""
    total = reach.participants or 1
    women, men = 100 * reach.women / total, 100 * reach.men / total
    return {
        "women": pct(women),
        "men": pct(men),
        "not_stated_x": pct(women + men),
        "not_stated": pct(100 * reach.not_stated / total),
    }


def meter(part, whole):
    """The width of ``part`` in a bar that stands for ``whole``, or None when there is no whole."""
    return pct(100 * part / whole) if whole else None


def dashboard_drawings(figures):
    """Everything drawn from the figures: the four charts, the small bars on the cards, the colours."""
    year = figures.year
    return {
        "participants_chart": participants_chart(figures.reach_years),
        "plans_chart": plans_chart(figures.plans, year=year),
        "overdue_chart": overdue_chart(figures.overdue),
        "decision_chart": decision_making_chart(figures.decision_making[:CHART_ROWS]),
        # The tables under the charts show the same rows; the full table is a page of its own.
        "decision_rows": figures.decision_making[:CHART_ROWS],
        "overdue_rows": figures.overdue[:CHART_ROWS],
        "overdue_more": max(len(figures.overdue) - CHART_ROWS, 0),
        "split": gender_split(figures.reach_year),
        "approved_meter": meter(figures.approved["in_year" if year else "overall"], figures.approved["with_plan"]),
        # The review queue is one list whatever the year: its card counts every plan waiting, as the banner
        # above it does (a year's count said "0" under a banner saying two plans wait).
        "plan_highlights": [
            (ActionPlan.Status.SUBMITTED, _("Awaiting review"), figures.plans[ActionPlan.Status.SUBMITTED][1]),
            *(
                (status, label, figures.plans[status][0 if year else 1])
                for status, label in (
                    (ActionPlan.Status.APPROVED, _("Approved")),
                    (ActionPlan.Status.COMPLETED, _("Completed")),
                )
            ),
        ],
        "colours": {"women": WOMEN, "men": MEN, "not_stated": NOT_STATED},
    }
