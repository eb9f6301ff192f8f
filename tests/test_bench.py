"""The benchmark's own parts (`make bench`), so that a change to the models or URLs that breaks it shows in
`make test`, not only in `.ci/run`'s smoke run. Figures are never judged here."""

from django.test import Client

from actionplans.models import Action, ActionPlan, Indicator, Measurement, PeriodReport, ReportingPeriod
from bench.dataset import BIG_PLAN_ACTIONS, BIG_PLAN_INDICATORS, counts_for, dataset_build
from bench.load import percentile
from bench.pages import TRIVIAL_PATH, pages_for, session_cookie
from organizations.models import Organization
from sessions_log.models import Attendance, TrainingSession


def test_counts_are_proportional_to_the_scale():
    assert counts_for(100) == {
        "organizations": 2_000,
        "trainings": 3_000,
        "attendance": 60_000,
        "plans": 20_000,
        "actions": 200_000,
        "indicators": 60_000,
        "measurements": 500_000,
    }
    assert counts_for(10)["measurements"] == 50_000
    assert counts_for(1)["organizations"] == 20
    assert counts_for(0.1)["organizations"] == 20  # a training has 20 attending organizations


def test_a_small_dataset_has_its_rows_and_every_page_answers_for_its_role(db):
    built = dataset_build(scale=0.1, log=lambda line: None)

    counts = counts_for(0.1)
    assert Organization.objects.count() == counts["organizations"]
    assert TrainingSession.objects.count() == counts["trainings"]
    assert Attendance.objects.count() == counts["attendance"]
    assert ActionPlan.objects.count() == counts["plans"]
    assert Action.objects.count() == counts["actions"]
    assert Indicator.objects.count() == counts["indicators"] + BIG_PLAN_INDICATORS
    assert Measurement.objects.count() == counts["measurements"]
    assert Action.objects.filter(objective__plan=built.big_plan).count() == BIG_PLAN_ACTIONS
    assert built.partner_plan.status == ActionPlan.Status.DRAFT
    assert built.partner_plan.organization == built.partner_organization
    # Reporting: one plan per organization in 8 quarterly periods, reports in every status.
    assert ReportingPeriod.objects.count() == 8 * (counts["organizations"] - 1)  # the partner's org: its draft only
    assert set(PeriodReport.objects.values_list("status", flat=True)) == set(PeriodReport.Status.values)
    assert built.report_period.report.status == PeriodReport.Status.SUBMITTED
    assert built.report_period.report.values.count() >= BIG_PLAN_INDICATORS

    cookies = {"coordinator": built.coordinator, "partner": built.partner, "staff": built.admin}
    cookies = {role: session_cookie(user) for role, user in cookies.items()}
    skipped = []
    pages = pages_for(built, say=skipped.append)
    assert {page.role for page in pages} == {"coordinator", "partner", "staff"}
    for page in pages:
        if page.path.endswith("/pdf/"):
            continue  # WeasyPrint is slow; the PDF view has its own tests
        client = Client()
        client.cookies["sessionid"] = cookies[page.role].split("=", 1)[1]
        response = client.get(page.path)
        assert response.status_code == 200, (page.label, page.path, response.status_code)
    assert Client().get(TRIVIAL_PATH).content == b"pong"


def test_p99_is_the_nearest_rank():
    assert percentile(list(range(1, 101)), 99) == 99
    assert percentile([0.3, 0.1, 0.2], 99) == 0.3
    assert percentile([], 99) == 0.0
