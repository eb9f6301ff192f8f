# ruff: noqa: RUF001, RUF002
"""Back-office export of self-assessment scores: one row per organization × assessment × content area."""

from dataclasses import dataclass

from django.db.models import Count, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from actionplans.models import ContentArea
from assessments import scoring
from assessments.models import Answer, Assessment, Maturity
from core.exports import BackOfficeResource, WholeNumberWidget, related
from organizations.models import OrganizationKind


@dataclass
class ScoreRow:
    organization: str
    kind: str
    year: int
    status: str
    area: str
    score: int | None
    maturity: str
    overall: int | None


def score_rows(assessments):
    """ScoreRow per assessment and area, in one query: the answers' points summed per assessment and area."""
    areas, maturities = dict(ContentArea.choices), dict(Maturity.choices)
    kinds, statuses = dict(OrganizationKind.choices), dict(Assessment.Status.choices)
    grouped = (
        Answer.objects.filter(assessment__in=assessments)
        .values(
            "assessment_id",
            "assessment__organization__name",
            "assessment__organization__kind",
            "assessment__year",
            "assessment__status",
            "question__content_area",
        )
        .annotate(points=Sum(Coalesce("validated_level", "level", Value(0))), questions=Count("pk"))
        .order_by("assessment__organization__name", "assessment__year", "assessment_id")
    )
    by_assessment = {}
    for row in grouped:
        by_assessment.setdefault(row["assessment_id"], []).append(row)
    order = ContentArea.values
    for rows in by_assessment.values():
        scores = {
            row["question__content_area"]: scoring.score_from_points(row["points"], row["questions"]) for row in rows
        }
        overall = scoring.overall_score(scores)
        for row in sorted(rows, key=lambda row: order.index(row["question__content_area"])):
            score = scores[row["question__content_area"]]
            maturity = scoring.maturity_of(score)
            yield ScoreRow(
                organization=row["assessment__organization__name"],
                kind=str(kinds.get(row["assessment__organization__kind"], "")),
                year=row["assessment__year"],
                status=str(statuses[row["assessment__status"]]),
                area=str(areas[row["question__content_area"]]),
                score=score,
                maturity=str(maturities[maturity]) if maturity else "",
                overall=overall,
            )


class AreaScoreResource(BackOfficeResource):
    report_name = "self-assessment-scores"
    sheet_title = _("Self-assessment scores")

    organization = related("organization", _("Organization"))
    kind = related("kind", _("Kind"))
    year = related("year", _("Year"), widget=WholeNumberWidget())
    status = related("status", _("Status"))
    area = related("area", _("Content area"))
    score = related("score", _("Score (0–100)"), widget=WholeNumberWidget())
    maturity = related("maturity", _("Maturity"))
    overall = related("overall", _("Overall score"), widget=WholeNumberWidget())

    class Meta:
        model = Assessment
        fields = ("organization", "kind", "year", "status", "area", "score", "maturity", "overall")
        export_order = fields
        name = _("Scores per content area")

    def filter_export(self, queryset, **kwargs):
        return list(score_rows(queryset.order_by().values("pk")))
