# ruff: noqa: RUF001, RUF002
"""Back-office export of self-assessment scores: one row per organization × assessment × content area."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from actionplans.models import ContentArea
from assessments import scoring
from assessments.models import Answer, Assessment, Maturity
from core.exports import BackOfficeResource, WholeNumberWidget, related


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
    """ScoreRow per assessment and area, from assessments with their answers and questions prefetched."""
    areas, maturities = dict(ContentArea.choices), dict(Maturity.choices)
    for assessment in assessments:
        scores = scoring.scores_of_answers(assessment.answers.all())
        overall = scoring.overall_score(scores)
        for area, score in scores.items():
            maturity = scoring.maturity_of(score)
            yield ScoreRow(
                organization=assessment.organization.name,
                kind=str(assessment.organization.get_kind_display()),
                year=assessment.year,
                status=str(assessment.get_status_display()),
                area=str(areas[area]),
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
        answers = Answer.objects.select_related("question")
        assessments = queryset.select_related("organization").prefetch_related(Prefetch("answers", queryset=answers))
        return list(score_rows(assessments.order_by("organization__name", "year", "pk")))
