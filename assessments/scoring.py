# ruff: noqa: RUF002
"""The scoring rules of the self-assessment, in one place: every page, chart and export calls these.

- An answer counts its level (missing 0, started 1, in place 2, exemplary 3); the coordinator's level replaces the
  partner's when they changed it; a question left without a level counts as missing.
- A content area's score is its points as a share of the most it could have (3 per question), 0–100, a whole
  number rounded half up. An area without questions in the assessment has no score.
- The overall score is the mean of the area scores (each area weighs the same, however many questions it has).
- The maturity level follows the score: THRESHOLDS below.
- The programme median is shown only when at least MEDIAN_MIN_ORGANIZATIONS organizations are assessed, so it
  can never be worked back to one organization's answers.
"""

import statistics
from decimal import ROUND_HALF_UP, Decimal

from actionplans.models import ContentArea
from assessments.models import AnswerLevel, Maturity

MAX_POINTS = AnswerLevel.EXEMPLARY.value
# (lowest score of the level, level), highest first.
THRESHOLDS = [(75, Maturity.LEADING), (50, Maturity.ESTABLISHED), (25, Maturity.DEVELOPING), (0, Maturity.STARTING)]
MEDIAN_MIN_ORGANIZATIONS = 5
MATURITY_ORDER = [maturity for _, maturity in reversed(THRESHOLDS)]


def whole(value):
    """A number rounded half up to a whole number (Python's round() would give 62 for 62.5)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def score_from_points(points, questions):
    """An area's score from its points and its number of questions; None without questions."""
    if not questions:
        return None
    return whole(Decimal(100) * points / (MAX_POINTS * questions))


def area_score(levels):
    """The score of an area from its answers' levels (None counts as missing)."""
    levels = list(levels)
    return score_from_points(sum(level or 0 for level in levels), len(levels))


def overall_score(area_scores):
    """The mean of the areas' scores (those that have one), rounded half up; None without any."""
    values = [score for score in area_scores.values() if score is not None]
    if not values:
        return None
    return whole(Decimal(sum(values)) / len(values))


def maturity_of(score):
    """The maturity level of a score; None for no score."""
    if score is None:
        return None
    return next(level for lowest, level in THRESHOLDS if score >= lowest)


def maturity_ranges():
    """[(maturity, lowest score, highest score)] from starting to leading, for the pages' legend."""
    ranges, highest = [], 100
    for lowest, level in THRESHOLDS:
        ranges.append((level, lowest, highest))
        highest = lowest - 1
    return list(reversed(ranges))


def maturity_rank(maturity):
    return MATURITY_ORDER.index(maturity)


def scores_of_answers(answers):
    """{area: score} in the order of the content areas, from answer rows (their final levels)."""
    levels = {}
    for answer in answers:
        levels.setdefault(answer.question.content_area, []).append(answer.final_level)
    return {area: area_score(levels[area]) for area in ContentArea.values if area in levels}


def median_score(values):
    """The median of scores rounded half up, or None when fewer than MEDIAN_MIN_ORGANIZATIONS give one."""
    values = [value for value in values if value is not None]
    if len(values) < MEDIAN_MIN_ORGANIZATIONS:
        return None
    return whole(statistics.median(values))
