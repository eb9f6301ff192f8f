"""The rules of a report, through the pages and the services the API will share."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.history import plan_history
from actionplans.models import (
    Indicator,
    PeriodReport,
    ReportingPeriod,
    ReportValue,
    ReportWorkflowError,
    StaleReportError,
)
from actionplans.reporting import report_save, schedule_apply


def _value(indicator, **fields):
    return ReportValue(indicator=indicator, **fields)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": 10, "women": 11}, "women", "There cannot be more women than people in total."),
        ({"value": 10, "women": 5, "men": 4}, "not_stated", "The parts add up to 9, but the total is 10."),
        ({"value": 10, "age_under_30": 8, "age_30_54": 5}, "age_55_over", "The parts add up to 13"),
        ({"value": 10, "with_disability": 11}, "with_disability", "more people with a disability"),
        ({"value": -1}, "value", "cannot be negative"),
        ({"women": 2}, "value", "Give the total the parts belong to."),
    ],
)
def test_value_rules_are_in_the_model(rplan_a, fields, field, message):
    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    with pytest.raises(ValidationError) as error:
        _value(people, **fields).full_clean(exclude=["report"])
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])


def test_a_negative_count_is_refused_beside_the_field_and_nothing_is_written(client, partner, rplan_a, today):
    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    client.force_login(partner)
    response = client.post(
        reverse("actionplans:report_edit", args=[rplan_a.pk, 1]),
        {"version": 0, f"value-{people.pk}-value": "5", f"value-{people.pk}-women": "-2"},
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert not PeriodReport.objects.exists()


def test_two_people_editing_at_once_the_second_is_refused_and_keeps_what_they_typed(client, partner, rplan_a, today):
    period = rplan_a.reporting_periods.get(number=1)
    report_save(period=period, by=partner, version=0, narrative={"achieved": "First"}, values=[], statuses={})
    client.force_login(partner)
    response = client.post(
        reverse("actionplans:report_edit", args=[rplan_a.pk, 1]), {"version": 0, "achieved": "Second, typed by hand"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Second, typed by hand" in page and "reload the report" in page
    assert PeriodReport.objects.get().achieved == "First"
    with pytest.raises(StaleReportError):
        report_save(period=period, by=partner, version=0, narrative={"achieved": "Third"}, values=[], statuses={})


def test_reopen_needs_a_reason_that_stays_in_the_history(client, partner, coordinator, rplan_a, today):
    period = rplan_a.reporting_periods.get(number=1)
    report = PeriodReport.objects.create(period=period, status="accepted", reviewed_by=coordinator)
    with pytest.raises(ReportWorkflowError):
        report.reopen(by=coordinator, reason=" ")
    client.force_login(coordinator)
    url = reverse("actionplans:report_reopen", args=[rplan_a.pk, 1])
    client.post(url, {"reason": "The trained count included guests."})
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.RETURNED
    history = " ".join(entry.text for entry in plan_history(rplan_a))
    assert "reason: The trained count included guests." in history
    # The partner can correct it now, and sees why at the top.
    client.force_login(partner)
    assert "The trained count included guests." in client.get(period.get_absolute_url()).content.decode()


def test_accept_and_send_back_only_a_submitted_report(coordinator, rplan_a):
    report = PeriodReport.objects.create(period=rplan_a.reporting_periods.get(number=1))
    with pytest.raises(ReportWorkflowError):
        report.accept(by=coordinator)
    with pytest.raises(ReportWorkflowError):
        report.send_back(by=coordinator, comment="")


def test_changing_the_schedule_keeps_periods_that_have_a_report(rplan_a, coordinator):
    first = rplan_a.reporting_periods.get(number=1)
    PeriodReport.objects.create(period=first, status="accepted")
    schedule_apply(plan=rplan_a, frequency="quarterly", by=coordinator)
    periods = list(ReportingPeriod.objects.filter(plan=rplan_a).order_by("number"))
    assert periods[0].pk == first.pk and (periods[0].start, periods[0].end) == (first.start, first.end)
    # The second half-year is laid out again by quarter.
    assert [(p.start.month, p.end.month) for p in periods[1:]] == [(7, 9), (10, 12)]
    with pytest.raises(ValidationError):
        schedule_apply(plan=rplan_a, frequency="custom", custom_ends=[rplan_a.period_end.replace(year=2030)],
                       by=coordinator)  # fmt: skip


def test_a_value_of_another_plans_indicator_is_refused(rplan_a, rplan_b, partner):
    theirs = Indicator.objects.filter(objective__plan=rplan_b).first()
    period = rplan_a.reporting_periods.get(number=1)
    with pytest.raises(ValidationError):
        report_save(period=period, by=partner, version=0, narrative={}, values=[_value(theirs, value=1)],
                    statuses={})  # fmt: skip
    assert not PeriodReport.objects.exists()


def test_coordinator_sets_due_dates_and_targets_per_period(client, coordinator, partner, rplan_a, today):
    from actionplans.models import PeriodTarget

    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    first, second = rplan_a.reporting_periods.order_by("number")
    url = reverse("actionplans:period_targets", args=[rplan_a.pk])
    data = {f"due-{first.pk}": "2026-07-31", f"due-{second.pk}": "2027-01-15", f"target-{people.pk}-{first.pk}": "40"}
    client.force_login(partner)
    assert client.post(url, data).status_code == 404
    assert not PeriodTarget.objects.exists()
    client.force_login(coordinator)
    assert client.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.due.isoformat() == "2026-07-31"
    assert PeriodTarget.objects.get(indicator=people, period=first).value == 40
    # A due date before the period ends is refused beside it, and nothing is written.
    data[f"due-{second.pk}"] = "2026-12-01"
    data[f"target-{people.pk}-{first.pk}"] = "50"
    response = client.post(url, data)
    assert response.status_code == 200 and "cannot be before the period ends" in response.content.decode()
    assert PeriodTarget.objects.get(indicator=people, period=first).value == 40
    assert (
        "Due dates and targets per period"
        in client.get(reverse("actionplans:schedule", args=[rplan_a.pk])).content.decode()
    )


@pytest.mark.parametrize(
    ("kind", "chosen", "saved"),
    [
        ("count", "", "sum"),
        ("share_women", "", "latest"),
        ("yes_no", "", "latest"),
        ("count", "cumulative", "cumulative"),
        ("count", "latest", "latest"),
    ],
)
def test_the_indicator_form_says_how_values_add_up(db, kind, chosen, saved):
    """How an indicator's values combine over periods is chosen in the plan editor; left empty, it follows the
    kind (a share or a yes/no reports its latest value)."""
    from actionplans.forms import IndicatorForm

    form = IndicatorForm({"name": "An indicator", "kind": kind, "aggregation": chosen, "counts_people": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["aggregation"] == saved and form.cleaned_data["counts_people"] is True


def test_the_plan_editor_offers_how_values_add_up_and_counting_people(client, partner, org_a):
    from tests.actionplans.conftest import make_plan

    plan = make_plan(org_a)
    client.force_login(partner)
    page = client.get(reverse("actionplans:edit", args=[plan.pk])).content.decode()
    assert "-aggregation" in page and "Cumulative to date" in page and "-counts_people" in page


@pytest.mark.parametrize(
    ("days_to_start", "days_to_due", "state"),
    [
        (1, 100, "not_open"),
        (0, 8, "open"),
        (-10, 7, "due_soon"),
        (-10, 0, "due_soon"),
        (-10, -1, "overdue"),
    ],
)
def test_a_periods_state_is_computed_from_today(rplan_a, days_to_start, days_to_due, state):
    import datetime

    period = rplan_a.reporting_periods.get(number=1)
    today = datetime.date(2026, 7, 10)
    period.start = today + datetime.timedelta(days=days_to_start)
    period.due = today + datetime.timedelta(days=days_to_due)
    assert period.state(today) == state
    # A draft does not change it; a submitted, sent back or accepted report does, whatever the date.
    PeriodReport.objects.create(period=period)
    period = ReportingPeriod.objects.with_report().get(pk=period.pk)
    period.start, period.due = today + datetime.timedelta(days=days_to_start), today + datetime.timedelta(days_to_due)
    assert period.state(today) == state
    for status in ("submitted", "returned", "accepted"):
        period.report.status = status
        assert period.state(today) == status


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("measure", {"women": 1, "total": 2, "date": "2026-07-01"}),
        ("progress", {"date": "2026-07-01", "narrative": "Written outside the report"}),
        ("action_status", {"status": "done"}),
    ],
)
def test_a_plan_with_periods_records_progress_only_in_its_report(client, partner, rplan_a, name, data, today):
    """The old measurement, progress-update and action-status pages send to the open period's report and write
    nothing: one way to record a thing."""
    from actionplans.models import Action, Measurement, ProgressUpdate

    indicator = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    action = Action.objects.filter(objective__plan=rplan_a).first()
    args = {"measure": [rplan_a.pk, indicator.pk], "progress": [rplan_a.pk], "action_status": [rplan_a.pk, action.pk]}
    client.force_login(partner)
    before = (Measurement.objects.count(), ProgressUpdate.objects.count(), action.status)
    response = client.post(reverse(f"actionplans:{name}", args=args[name]), data)
    # Period 1 (January to June, due 15 July) is the one to report on.
    assert response["Location"] == reverse("actionplans:report_edit", args=[rplan_a.pk, 1])
    action.refresh_from_db()
    assert (Measurement.objects.count(), ProgressUpdate.objects.count(), action.status) == before


def test_every_change_to_a_report_is_in_the_plans_history(client, partner, coordinator, rplan_a, today):
    """Narrative, values, action statuses, files, submit, send back, accept: each step is a line of the plan's
    history, with who did it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actionplans.reporting import report_accept, report_send_back, report_submit
    from tests.actionplans.conftest import minimal_pdf

    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    share = Indicator.objects.get(objective__plan=rplan_a, kind=Indicator.Kind.SHARE_OF_WOMEN)
    period = rplan_a.reporting_periods.get(number=1)
    upload = SimpleUploadedFile("attendance.pdf", minimal_pdf())
    report = report_save(period=period, by=partner, version=0, narrative={"achieved": "Twelve trained."},
                         values=[_value(people, value=12, women=7, men=5), _value(share, women=2, men=3)],
                         statuses={}, files=[upload], file_types=["application/pdf"])  # fmt: skip
    report_submit(report=report, by=partner)
    report_send_back(report=report, by=coordinator, comment="Add the list of participants.")
    report.refresh_from_db()
    report_save(period=period, by=partner, version=report.version, narrative={"achieved": "Twelve trained (list)."},
                values=[_value(people, value=12, women=7, men=5), _value(share, women=2, men=3)], statuses={},
                files=[SimpleUploadedFile("list.pdf", minimal_pdf())], file_types=["application/pdf"])  # fmt: skip
    report.refresh_from_db()
    report_submit(report=report, by=partner)
    report_accept(report=report, by=coordinator)
    history = [(entry.who, entry.text) for entry in plan_history(rplan_a)]
    for who, text in [
        ("Aida Partner", "Report for period 1 started"),
        ("Aida Partner", "Value of “People trained” for period 1: 12"),
        ("Aida Partner", "Report for period 1 · file “attendance.pdf” added"),
        ("Aida Partner", "Report for period 1 · file “list.pdf” added"),
        ("Aida Partner", "Report for period 1 · status: Draft → Submitted"),
        ("Cora Coordinator", "Report for period 1 · status: Submitted → Sent back"),
        ("Aida Partner", "Report for period 1 · what was achieved rewritten"),  # long texts are not quoted
        ("Cora Coordinator", "Report for period 1 · status: Submitted → Accepted"),
    ]:
        assert any(w == who and t.startswith(text) for w, t in history), (who, text, history)


@pytest.mark.parametrize("row", ["indicator", "action"])
def test_a_row_of_another_plan_in_the_report_page_is_404_and_nothing_is_written(
    client, partner, rplan_a, rplan_b, row, today
):
    """Issue 10: a value for an indicator of another plan (or a status of its action) is a 404, as a report of
    another organization is; nothing of the save is written."""
    from actionplans.models import Action

    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    field = (
        f"value-{Indicator.objects.filter(objective__plan=rplan_b).first().pk}-value"
        if row == "indicator"
        else f"action-{Action.objects.filter(objective__plan=rplan_b).first().pk}-status"
    )
    client.force_login(partner)
    response = client.post(
        reverse("actionplans:report_edit", args=[rplan_a.pk, 1]),
        {"version": 0, "achieved": "Mine", f"value-{people.pk}-value": "3", field: "done" if row == "action" else "1"},
    )
    assert response.status_code == 404
    assert not PeriodReport.objects.exists() and not ReportValue.objects.exists()
