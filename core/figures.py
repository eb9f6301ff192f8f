"""Figures shown in more than one place, computed once so every page, chart and export agrees."""

from decimal import ROUND_HALF_UP, Decimal


def share_of_women(women, total):
    """Women as a percentage of everyone counted, one decimal rounded half up; None when nobody was counted.

    The one rule for the figure: the headcount profile, a training's attendance, the dashboard, a
    share-of-women measurement and the baseline taken from a headcount all call this.
    """
    if not total:
        return None
    # Exact decimal arithmetic: 1 of 16 is 6.3 everywhere, not 6.2 here and 6.25 there.
    share = (Decimal(100) * women / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(share)


def whole_percent(share):
    """A share as a whole percentage for a chart label, rounded half up like the pages' floatformat:0.

    (Python's ``f"{62.5:.0f}"`` gives 62, so a label and the card beside it would disagree.)
    """
    return int(Decimal(str(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
