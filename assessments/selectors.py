"""Read-only queries of the self-assessment that pages share (writes are in services.py)."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from actionplans.models import ContentArea
from actionplans.selectors import user_can_edit
from assessments import scoring
from assessments.models import Answer, Assessment, Maturity, Suggestion
from core.prepared import KEY, Prepared
from organizations.models import Membership, Organization


def can_edit_for(*, user, organization_id):
    """Editors of the organization write its assessment (the same rule as its plans)."""
    return user_can_edit(user=user, plan=_OrganizationRef(organization_id))


@dataclass
class _OrganizationRef:
    organization_id: int


def assessment_for_page(*, user, pk):
    """One assessment with its answers and questions, in a fixed number of queries whatever its size."""
    answers = Answer.objects.select_related("question")
    return get_object_or_404(
        Assessment.objects.for_user(user)
        .select_related("organization", "validated_by")
        .prefetch_related(Prefetch("answers", queryset=answers)),
        pk=pk,
    )


def assessment_for_editor(*, user, pk):
    """The assessment if this user may write to it: 404 when they cannot see it, 403 when they may only read it."""
    assessment = assessment_for_page(user=user, pk=pk)
    if not can_edit_for(user=user, organization_id=assessment.organization_id):
        raise PermissionDenied(_("You can read this assessment but not change it."))
    return assessment


_EDITABLE = Prepared(
    lambda pk: Organization.objects.filter(memberships__user_id=pk, memberships__role=Membership.Role.EDITOR).order_by(
        "name"
    ),
    KEY,
)


def editable_organizations(*, user):
    """The organizations this person may start an assessment for: those they edit."""
    return _EDITABLE.objects(user.pk)


def counted_area_scores():
    """Every validated assessment's score per area: [(assessment_id, organization_id, year, area, score)], one query."""
    rows = (
        Answer.objects.filter(assessment__status=Assessment.Status.VALIDATED)
        .values("assessment_id", "assessment__organization_id", "assessment__year", "question__content_area")
        .annotate(points=Sum(Coalesce("validated_level", "level", Value(0))), questions=Count("pk"))
        .order_by()
    )
    return [
        (
            row["assessment_id"],
            row["assessment__organization_id"],
            row["assessment__year"],
            row["question__content_area"],
            scoring.score_from_points(row["points"], row["questions"]),
        )
        for row in rows
    ]


def _by_assessment(rows):
    """{assessment_id: (organization_id, year, {area: score})} from counted_area_scores() rows."""
    result = {}
    for assessment_id, organization_id, year, area, score in rows:
        result.setdefault(assessment_id, (organization_id, year, {}))[2][area] = score
    return result


def _latest_per_organization(assessments):
    """{organization_id: (year, scores)} of each organization's latest assessment."""
    latest = {}
    for organization_id, year, scores in assessments.values():
        if organization_id not in latest or latest[organization_id][0] < year:
            latest[organization_id] = (year, scores)
    return latest


def maturity_label(maturity):
    return dict(Maturity.choices).get(maturity, "")


@dataclass
class AreaComparison:
    area: str
    label: str
    score: int | None
    previous: int | None
    median: int | None

    @property
    def maturity(self):
        return scoring.maturity_of(self.score)

    @property
    def maturity_label(self):
        return maturity_label(self.maturity)


@dataclass
class Comparison:
    areas: list
    overall: int | None
    previous_year: int | None
    previous_overall: int | None
    median_shown: bool
    median_overall: int | None
    organizations_assessed: int

    @property
    def maturity(self):
        return scoring.maturity_of(self.overall)

    @property
    def maturity_label(self):
        return maturity_label(self.maturity)


def assessment_comparison(*, assessment):
    """This assessment's scores against the organization's previous validated one and the programme median.

    The median is over each organization's latest validated assessment, and only when at least
    scoring.MEDIAN_MIN_ORGANIZATIONS organizations are assessed; no other organization is ever named.
    One query (the answers are prefetched).
    """
    scores = scoring.scores_of_answers(assessment.answers.all())
    counted = _by_assessment(counted_area_scores())
    earlier = [
        (year, area_scores)
        for organization_id, year, area_scores in counted.values()
        if organization_id == assessment.organization_id and year < assessment.year
    ]
    previous_year, previous = max(earlier, key=lambda item: item[0]) if earlier else (None, {})
    latest = _latest_per_organization(counted)
    median_shown = len(latest) >= scoring.MEDIAN_MIN_ORGANIZATIONS
    labels = dict(ContentArea.choices)
    areas = []
    medians = {}
    for area in scores:
        median = scoring.median_score([s.get(area) for _, s in latest.values()]) if median_shown else None
        medians[area] = median
        areas.append(
            AreaComparison(
                area=area, label=str(labels[area]), score=scores[area], previous=previous.get(area), median=median
            )
        )
    median_overall = (
        scoring.median_score([scoring.overall_score(s) for _, s in latest.values()]) if median_shown else None
    )
    return Comparison(
        areas=areas,
        overall=scoring.overall_score(scores),
        previous_year=previous_year,
        previous_overall=scoring.overall_score(previous) if previous else None,
        median_shown=median_shown,
        median_overall=median_overall,
        organizations_assessed=len(latest),
    )


def latest_assessed(*, organization):
    """The organization's latest submitted or validated assessment with its answers (validated first), or None."""
    answers = Answer.objects.select_related("question")
    return (
        Assessment.objects.filter(
            organization=organization, status__in=[Assessment.Status.SUBMITTED, Assessment.Status.VALIDATED]
        )
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("-year", "-status")
        .first()
    )


WEAKEST_AREAS = 3


@dataclass
class AreaSuggestions:
    area: str
    label: str
    score: int
    maturity: str
    suggestions: list = field(default_factory=list)


def suggestions_for(*, assessment, limit=WEAKEST_AREAS):
    """The assessment's weakest areas (lowest score first, ties in the content areas' order) with the active
    suggestions offered at their maturity level."""
    scores = scoring.scores_of_answers(assessment.answers.all())
    order = ContentArea.values
    weakest = sorted(
        ((score, order.index(area), area) for area, score in scores.items() if score is not None),
        key=lambda item: (item[0], item[1]),
    )[:limit]
    areas = [area for _score, _order, area in weakest]
    suggestions = Suggestion.objects.filter(is_active=True, content_area__in=areas).prefetch_related("actions")
    labels = dict(ContentArea.choices)
    result = []
    for score, _order, area in weakest:
        maturity = scoring.maturity_of(score)
        fitting = [
            suggestion
            for suggestion in suggestions
            if suggestion.content_area == area
            and scoring.maturity_rank(maturity) <= scoring.maturity_rank(suggestion.up_to)
        ]
        result.append(
            AreaSuggestions(area=area, label=str(labels[area]), score=score, maturity=maturity, suggestions=fitting)
        )
    return result


@dataclass
class AreaDistribution:
    area: str
    label: str
    counts: dict
    organizations: int
    median: int | None
    change: int | None
    compared: int


def programme_distribution():
    """Per content area: how many organizations are at each maturity level (their latest validated assessment),
    the median score, and the median change since each organization's first validated assessment (its baseline)
    over the organizations assessed at least twice. A median over fewer than scoring.MEDIAN_MIN_ORGANIZATIONS
    organizations is None, as on the assessment page: it would be one organization's figure. One query."""
    counted = _by_assessment(counted_area_scores())
    by_org = {}
    for organization_id, year, scores in counted.values():
        by_org.setdefault(organization_id, []).append((year, scores))
    labels = dict(ContentArea.choices)
    result = []
    for area in ContentArea.values:
        counts = dict.fromkeys(Maturity.values, 0)
        latest_scores, changes = [], []
        for rows in by_org.values():
            rows = sorted((year, scores) for year, scores in rows if scores.get(area) is not None)
            if not rows:
                continue
            latest = rows[-1][1][area]
            latest_scores.append(latest)
            counts[scoring.maturity_of(latest)] += 1
            if len(rows) > 1:
                changes.append(latest - rows[0][1][area])
        if not latest_scores:
            continue
        result.append(
            AreaDistribution(
                area=area,
                label=str(labels[area]),
                counts=counts,
                organizations=len(latest_scores),
                median=scoring.median_score(latest_scores),
                change=scoring.median_score(changes),
                compared=len(changes),
            )
        )
    return result
