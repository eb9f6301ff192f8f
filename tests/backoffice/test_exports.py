"""Admin exports and the three reports: permissions, readable columns, filters, formula safety, flat queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Action, ActionPlan, ContentArea, Indicator, Objective
from actionplans.resources import ActionPlanProgressResource, IndicatorProgressResource
from core.exports import BackOfficeExportMixin, export_write
from organizations.models import Organization, OrganizationKind, Region
from sessions_log.models import Attendance, Story, TrainingSession
from sessions_log.resources import TrainingReachResource
from tests.backoffice.factories import make_world
from tests.backoffice.helpers import admin_export, read_csv, read_json, read_xlsx

EXPORTING = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, BackOfficeExportMixin)
    ),
    key=lambda item: item[0]._meta.label,
)


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


# --- Permissions -------------------------------------------------------------------------------------------


def test_staff_with_view_but_not_export_permission_cannot_export(client_for, staff):
    make_world()
    client = client_for(grant(staff, "view_action"))

    changelist = client.get(reverse("admin:actionplans_action_changelist"))
    assert changelist.status_code == 200
    assert b"export_link" not in changelist.content
    assert client.get(reverse("admin:actionplans_action_export")).status_code == 403
    assert admin_export(client, Action, file_format="csv").status_code == 403


def test_staff_with_export_permission_can_export(client_for, staff):
    make_world()
    client = client_for(grant(staff, "view_action", "export_action"))

    changelist = client.get(reverse("admin:actionplans_action_changelist"))
    assert b"export_link" in changelist.content
    assert client.get(reverse("admin:actionplans_action_export")).status_code == 200
    response = admin_export(client, Action, file_format="csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert read_csv(response.content)[0]["Action"] == "Adopt a gender policy 1"


def test_every_model_but_stories_and_users_has_an_export_with_its_own_permission(db):
    exporting = {model for model, _model_admin in EXPORTING}
    assert Story not in exporting
    for model in exporting:
        codename = f"export_{model._meta.model_name}"
        assert Permission.objects.filter(content_type__app_label=model._meta.app_label, codename=codename).exists()


def test_no_resource_anywhere_exports_stories():
    for _model, model_admin in EXPORTING:
        for resource_class in model_admin.resource_classes:
            assert resource_class._meta.model is not Story
            assert not any("stor" in name for name in resource_class().get_export_order())


# --- Issue 2: actions carry organization names and choice labels ------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_action_export_carries_organization_names_and_choice_labels(client_for, admin_user, file_format):
    make_world()
    response = admin_export(client_for(admin_user), Action, file_format=file_format)
    assert response.status_code == 200
    rows = read_csv(response.content) if file_format == "csv" else read_xlsx(response.content)[0]

    assert len(rows) == 1
    assert rows[0]["Organization"] == "Organization 1"
    assert rows[0]["Status"] == "In progress"
    assert rows[0]["Plan"] == "Gender action plan 1"
    due = rows[0]["Due date"]
    assert (due if isinstance(due, str) else due.date().isoformat()) == "2022-06-30"
    assert "id" not in rows[0]


def test_plain_exports_show_labels_not_stored_values(client_for, admin_user):
    make_world()
    client = client_for(admin_user)
    organization = read_csv(admin_export(client, Organization).content)[0]
    assert organization["Kind"] == "State body"
    assert organization["Region"] == "Osh region"
    assert organization["Active"] == "yes"
    session = read_csv(admin_export(client, TrainingSession).content)[0]
    assert session["Format"] == "Online"
    assert session["Host organization"] == "Organization 1"
    assert session["Start date"] == "2021-11-25"


@pytest.mark.parametrize(("model", "model_admin"), EXPORTING, ids=[m._meta.label for m, _a in EXPORTING])
def test_every_export_has_no_query_per_row(model, model_admin, db):
    # One query for the rows (with their related objects joined), whatever their number.
    make_world(1)
    for resource_class in model_admin.resource_classes:
        with CaptureQueriesContext(connection) as one:
            one_rows = resource_class().export(queryset=model.objects.all())
        make_world(len(one_rows) + 10)
        make_world(len(one_rows) + 11)
        with CaptureQueriesContext(connection) as three:
            three_rows = resource_class().export(queryset=model.objects.all())
        assert len(three_rows) > len(one_rows)
        assert len(three) == len(one) == 1, [q["sql"] for q in three.captured_queries]


# --- Training reach -----------------------------------------------------------------------------------------


def reach_world():
    session_2021 = TrainingSession.objects.create(
        title="Gender mainstreaming in organizations",
        start_date=datetime.date(2021, 11, 25),
        end_date=datetime.date(2021, 11, 25),
        format=TrainingSession.Format.ONLINE,
    )
    session_2022 = TrainingSession.objects.create(
        title="Gender budgeting",
        start_date=datetime.date(2022, 3, 2),
        end_date=datetime.date(2022, 3, 3),
        format=TrainingSession.Format.IN_PERSON,
    )
    mayor = Organization.objects.create(name="Osh Mayor's Office", kind=OrganizationKind.STATE_BODY, region=Region.OSH)
    ngo = Organization.objects.create(name="Women of Naryn", kind=OrganizationKind.LOCAL_CSO, region=Region.NARYN)
    Attendance.objects.create(session=session_2021, organization=mayor, women=2, men=3, not_stated=0)
    Attendance.objects.create(session=session_2021, organization=ngo, women=4, men=0, not_stated=1)
    Attendance.objects.create(session=session_2022, organization=ngo, women=6, men=1, not_stated=0)


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_training_reach_columns_and_values(client_for, admin_user, file_format):
    reach_world()
    response = admin_export(client_for(admin_user), Attendance, resource=1, file_format=file_format, query="?year=2021")
    assert response.status_code == 200
    assert "training-reach-" in response["Content-Disposition"]
    rows = {
        "csv": lambda c: read_csv(c),
        "xlsx": lambda c: read_xlsx(c)[0],
        "json": lambda c: read_json(c),
    }[file_format](response.content)

    assert list(rows[0]) == [
        "Date",
        "Session",
        "Format",
        "Organization",
        "Kind",
        "Region",
        "Women",
        "Men",
        "Not stated",
        "Total",
    ]
    by_org = {row["Organization"]: row for row in rows}
    assert set(by_org) == {"Osh Mayor's Office", "Women of Naryn"}  # the 2022 session is filtered out
    ngo = by_org["Women of Naryn"]
    assert ngo["Session"] == "Gender mainstreaming in organizations"
    assert ngo["Format"] == "Online"
    assert ngo["Kind"] == "Local civil-society organization"
    assert ngo["Region"] == "Naryn region"
    if file_format == "csv":
        assert (ngo["Date"], ngo["Women"], ngo["Men"], ngo["Not stated"], ngo["Total"]) == (
            "2021-11-25",
            "4",
            "0",
            "1",
            "5",
        )
    else:
        # Numbers stay numbers in XLSX and JSON.
        assert (ngo["Women"], ngo["Men"], ngo["Not stated"], ngo["Total"]) == (4, 0, 1, 5)


def test_training_reach_follows_the_changelist_search_and_filters(client_for, admin_user):
    reach_world()
    client = client_for(admin_user)
    searched = read_csv(admin_export(client, Attendance, resource=1, query="?q=Naryn").content)
    assert [(row["Session"], row["Organization"]) for row in searched] == [
        ("Gender mainstreaming in organizations", "Women of Naryn"),
        ("Gender budgeting", "Women of Naryn"),
    ] or sorted(row["Session"] for row in searched) == ["Gender budgeting", "Gender mainstreaming in organizations"]
    assert {row["Organization"] for row in searched} == {"Women of Naryn"}

    by_kind = read_csv(
        admin_export(client, Attendance, resource=1, query="?organization__kind__exact=state_body").content
    )
    assert [row["Organization"] for row in by_kind] == ["Osh Mayor's Office"]


# --- Action plan progress ------------------------------------------------------------------------------------


def plan_world():
    org = Organization.objects.create(name="Batken Youth Centre", kind=OrganizationKind.NATIONAL_CSO)
    plan = ActionPlan.objects.create(
        organization=org,
        title="Gender action plan 2022-2023",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        status=ActionPlan.Status.APPROVED,
    )
    objective = Objective.objects.create(plan=plan, title="Women lead projects", content_area=ContentArea.LEADERSHIP)
    late = Action.objects.create(
        objective=objective,
        title="Mentoring programme",
        responsible="HR officer",
        start_date=datetime.date(2022, 2, 1),
        due_date=datetime.date(2022, 9, 30),
        status=Action.Status.IN_PROGRESS,
    )
    Action.objects.create(
        objective=objective, title="Adopt a policy", due_date=datetime.date(2022, 3, 1), status=Action.Status.DONE
    )
    Action.objects.create(objective=objective, title="Open a crèche", due_date=None, status=Action.Status.PLANNED)
    return plan, late


def test_action_plan_progress_columns_and_overdue(client_for, admin_user):
    plan_world()
    rows = read_csv(admin_export(client_for(admin_user), Action, resource=1).content)

    assert list(rows[0]) == [
        "Organization",
        "Kind",
        "Plan",
        "Plan status",
        "Content area",
        "Objective",
        "Action",
        "Responsible person or role",
        "Start date",
        "Due date",
        "Status",
        "Overdue",
        "Status submitted, not accepted",
    ]
    by_action = {row["Action"]: row for row in rows}
    late = by_action["Mentoring programme"]
    assert late["Organization"] == "Batken Youth Centre"
    assert late["Kind"] == "National civil-society organization"
    assert late["Plan status"] == "Approved"
    assert late["Content area"] == "Leadership and decision-making"
    assert late["Objective"] == "Women lead projects"
    assert (late["Start date"], late["Due date"], late["Status"]) == ("2022-02-01", "2022-09-30", "In progress")
    assert late["Overdue"] == "yes"
    assert by_action["Adopt a policy"]["Overdue"] == "no"  # done: never overdue
    assert by_action["Open a crèche"]["Overdue"] == "no"  # no due date


def test_action_plan_progress_overdue_is_computed_from_today(db):
    _plan, late = plan_world()
    before_due = ActionPlanProgressResource(today=datetime.date(2022, 9, 30)).export(
        queryset=Action.objects.filter(pk=late.pk)
    )
    after_due = ActionPlanProgressResource(today=datetime.date(2022, 10, 1)).export(
        queryset=Action.objects.filter(pk=late.pk)
    )
    assert before_due.dict[0]["Overdue"] == "no"
    assert after_due.dict[0]["Overdue"] == "yes"


def test_action_plan_progress_follows_the_overdue_and_year_filters(client_for, admin_user):
    plan_world()
    client = client_for(admin_user)
    overdue = read_csv(admin_export(client, Action, resource=1, query="?overdue=yes").content)
    assert [row["Action"] for row in overdue] == ["Mentoring programme"]
    assert read_csv(admin_export(client, Action, resource=1, query="?year=2021").content) == []
    assert len(read_csv(admin_export(client, Action, resource=1, query="?year=2023").content)) == 3


# --- Indicator progress --------------------------------------------------------------------------------------


def indicator_world():
    """Plan 2022-2023 in half-years: the share's accepted values are 25 (period 1) and 35 (period 2); period 3
    has 99 submitted (not accepted) and period 4 a draft of 77. Only 25 and 35 count."""
    from actionplans.models import PeriodReport, ReportValue
    from actionplans.reporting import schedule_apply

    plan, _late = plan_world()
    schedule_apply(plan=plan, frequency="half_yearly", by=None)
    objective = plan.objectives.get()
    share = Indicator.objects.create(
        objective=objective,
        name="Women among managers",
        kind=Indicator.Kind.SHARE_OF_WOMEN,
        aggregation=Indicator.Aggregation.LATEST,
        baseline_value=Decimal("20"),
        baseline_date=datetime.date(2021, 12, 31),
        target_value=Decimal("40"),
        target_date=datetime.date(2023, 12, 31),
    )
    periods = list(plan.reporting_periods.order_by("number"))
    for period, status, value in zip(
        periods, ["accepted", "accepted", "submitted", "draft"], ["25", "35", "99", "77"], strict=True
    ):
        report = PeriodReport.objects.create(period=period, status=status)
        ReportValue.objects.create(report=report, indicator=share, value=Decimal(value))
    count = Indicator.objects.create(
        objective=objective,
        name="Staff trained",
        kind=Indicator.Kind.COUNT,
        unit="people",
        baseline_value=Decimal("0"),
        target_value=Decimal("50"),
    )
    return share, count


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_indicator_progress_columns_and_values(client_for, admin_user, file_format):
    indicator_world()
    response = admin_export(client_for(admin_user), Indicator, resource=1, file_format=file_format)
    rows = read_csv(response.content) if file_format == "csv" else read_xlsx(response.content)[0]

    assert list(rows[0]) == [
        "Organization",
        "Plan",
        "Plan status",
        "Indicator",
        "Unit",
        "Values over periods",
        "Baseline",
        "Baseline date",
        "Accepted value to date",
        "Accepted up to",
        "Target",
        "Target date",
        "% of the way from baseline to target",
        "Submitted, not accepted",
    ]
    by_name = {row["Indicator"]: row for row in rows}
    share, count = by_name["Women among managers"], by_name["Staff trained"]
    assert share["Organization"] == "Batken Youth Centre"
    assert share["Plan"] == "Gender action plan 2022-2023"
    assert share["Unit"] == "%"
    assert share["Values over periods"] == "Latest value"
    assert count["Unit"] == "people"
    if file_format == "csv":
        # The latest accepted value (35, period 2 ending 2022-12-31); the submitted 99 apart, the draft 77 nowhere.
        assert (share["Baseline"], share["Accepted value to date"], share["Accepted up to"]) == (
            "20.00",
            "35.00",
            "2022-12-31",
        )
        assert (share["Target"], share["% of the way from baseline to target"]) == ("40.00", "75.0")
        assert share["Submitted, not accepted"] == "99.00"
        assert (count["Accepted value to date"], count["% of the way from baseline to target"]) == ("", "")
    else:
        assert share["Accepted value to date"] == 35
        assert share["Accepted up to"].date() == datetime.date(2022, 12, 31)
        assert share["% of the way from baseline to target"] == 75
        assert share["Submitted, not accepted"] == 99
        assert count["Accepted value to date"] is None


# --- Flat queries: 10 rows and 1,000 rows cost the same ------------------------------------------------------


def many_attendances(count):
    session = TrainingSession.objects.create(
        title=f"Session for {count}", start_date=datetime.date(2021, 11, 25), end_date=datetime.date(2021, 11, 25)
    )
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Org {count}-{i}", kind=OrganizationKind.OTHER, region=Region.CHUI) for i in range(count)
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, organization=org, women=1, men=1) for org in organizations
    )


def many_actions_and_indicators(count):
    org = Organization.objects.create(name=f"Org with {count}", kind=OrganizationKind.OTHER)
    plan = ActionPlan.objects.create(
        organization=org, title="Plan", period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2022, 12, 31)
    )
    objective = Objective.objects.create(plan=plan, title="Objective", content_area=ContentArea.CAPACITY)
    Action.objects.bulk_create(
        Action(objective=objective, title=f"Action {i}", due_date=datetime.date(2022, 5, 1)) for i in range(count)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(objective=objective, name=f"Indicator {i}", baseline_value=0, target_value=10) for i in range(count)
    )
    from actionplans.models import PeriodReport, ReportActionStatus, ReportingPeriod, ReportValue

    reports = [
        PeriodReport.objects.create(
            period=ReportingPeriod.objects.create(
                plan=plan, number=n, start=datetime.date(2022, m, 1), end=datetime.date(2022, m + 5, 28),
                due=datetime.date(2022, m + 5, 28),
            ),
            status=status,
        )
        for n, m, status in ((1, 1, "accepted"), (2, 7, "submitted"))
    ]  # fmt: skip
    ReportValue.objects.bulk_create(
        ReportValue(report=report, indicator=indicator, value=report.period.number)
        for indicator in indicators
        for report in reports
    )
    ReportActionStatus.objects.bulk_create(
        ReportActionStatus(report=reports[1], action=action, status="done")
        for action in Action.objects.filter(objective=objective)
    )


@pytest.mark.parametrize(
    ("model", "resource_class", "make"),
    [
        (Attendance, TrainingReachResource, many_attendances),
        (Action, ActionPlanProgressResource, many_actions_and_indicators),
        (Indicator, IndicatorProgressResource, many_actions_and_indicators),
    ],
    ids=["training-reach", "action-plan-progress", "indicator-progress"],
)
def test_report_queries_are_the_same_for_10_and_1000_rows(client_for, admin_user, model, resource_class, make):
    # Through the admin: session, user, the changelist's filter choices, then ONE query for all rows (related
    # objects joined, accepted and submitted values as subqueries). The same count for 10 and 1,000 rows.
    client = client_for(admin_user)
    resource_index = admin.site._registry[model].resource_classes.index(resource_class)
    make(10)
    admin_export(client, model, resource=resource_index)  # warm caches
    with CaptureQueriesContext(connection) as ten:
        small = admin_export(client, model, resource=resource_index, file_format="xlsx")
    make(1000)
    with CaptureQueriesContext(connection) as thousand:
        large = admin_export(client, model, resource=resource_index, file_format="xlsx")
    assert len(read_xlsx(small.content)[0]) == 10
    assert len(read_xlsx(large.content)[0]) == 1010
    assert len(thousand) == len(ten)

    # And the resource alone reads everything in one query.
    with CaptureQueriesContext(connection) as alone:
        resource_class().export(queryset=resource_class.report_queryset())
    assert len(alone) == 1


# --- Formula injection ---------------------------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


def dangerous_organizations():
    session = TrainingSession.objects.create(
        title="=1+1", start_date=datetime.date(2021, 11, 25), end_date=datetime.date(2021, 11, 25)
    )
    for i, text in enumerate(DANGEROUS):
        org = Organization.objects.create(
            name=text, short_name=text[:50], contact_person=text, kind=OrganizationKind.OTHER
        )
        Attendance.objects.create(session=session, organization=org, women=i, men=1)


def test_formula_triggers_are_escaped_in_csv(client_for, admin_user):
    dangerous_organizations()
    client = client_for(admin_user)
    rows = read_csv(admin_export(client, Organization).content)
    names = sorted(row["Name"] for row in rows)
    assert names == sorted("'" + text for text in DANGEROUS)
    for row in rows:
        assert row["Contact person"].startswith("'")

    reach = read_csv(admin_export(client, Attendance, resource=1).content)
    assert {row["Session"] for row in reach} == {"'=1+1"}
    assert sorted(row["Women"] for row in reach) == [str(i) for i in range(len(DANGEROUS))]


def test_xlsx_writes_formula_like_text_as_typed_string_cells_and_numbers_stay_numbers(client_for, admin_user):
    dangerous_organizations()
    client = client_for(admin_user)
    for model, resource in ((Organization, 0), (Attendance, 1)):
        _rows, cells = read_xlsx(admin_export(client, model, resource=resource, file_format="xlsx").content)
        assert all(cell.data_type != "f" for row in cells for cell in row), "no formula cell"
        texts = [cell for row in cells[1:] for cell in row if isinstance(cell.value, str)]
        assert all(cell.data_type == "s" for cell in texts)
    reach, _cells = read_xlsx(admin_export(client, Attendance, resource=1, file_format="xlsx").content)
    # The text as typed, without an apostrophe (XML turns a carriage return into a line feed).
    assert {row["Session"] for row in reach} == {"=1+1"}
    assert sorted(row["Organization"] for row in reach) == sorted(text.replace("\r", "\n") for text in DANGEROUS)
    assert sorted(row["Women"] for row in reach) == list(range(len(DANGEROUS)))


def test_json_carries_the_text_as_typed(client_for, admin_user):
    dangerous_organizations()
    rows = read_json(admin_export(client_for(admin_user), Organization, file_format="json").content)
    assert sorted(row["Name"] for row in rows) == sorted(DANGEROUS)


def test_a_control_character_in_a_name_does_not_break_the_xlsx_export(client_for, admin_user):
    session = TrainingSession.objects.create(
        title="Vertical\x0btab", start_date=datetime.date(2021, 11, 25), end_date=datetime.date(2021, 11, 25)
    )
    org = Organization.objects.create(name="Bell\x07 and\x1f unit", kind=OrganizationKind.OTHER)
    Attendance.objects.create(session=session, organization=org, women=1, men=1)
    client = client_for(admin_user)
    orgs, _cells = read_xlsx(admin_export(client, Organization, file_format="xlsx").content)
    assert [row["Name"] for row in orgs] == ["Bell and unit"]
    reach, _cells = read_xlsx(admin_export(client, Attendance, resource=1, file_format="xlsx").content)
    assert [row["Session"] for row in reach] == ["Verticaltab"]


def test_csv_exports_are_streamed_with_flat_queries(client_for, admin_user):
    # Streaming keeps memory flat for big files; reading the stream costs the same queries for 10 or 1,000 rows.
    from django.contrib.admin import site
    from import_export.forms import SelectableFieldsExportForm

    client = client_for(admin_user)
    data = {"format": "0", "resource": "1"}
    for name in TrainingReachResource().get_export_order():
        data[SelectableFieldsExportForm.create_boolean_field_name(TrainingReachResource, name)] = "on"
    assert site._registry[Attendance].resource_classes[1] is TrainingReachResource
    url = reverse("admin:sessions_log_attendance_export")

    def download():
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
            assert response.streaming
            content = b"".join(response.streaming_content)
        return content, len(queries)

    many_attendances(10)
    download()
    small, small_queries = download()
    many_attendances(1000)
    large, large_queries = download()
    assert small.count(b"\n") == 11
    assert large.count(b"\n") == 1011
    assert large_queries == small_queries


@pytest.mark.parametrize(
    ("resource_class", "model", "unread"),
    [
        (ActionPlanProgressResource, Action, '"actionplans_action"."description"'),
        (IndicatorProgressResource, Indicator, '"actionplans_indicator"."data_source"'),
    ],
)
def test_a_streamed_report_reads_only_the_columns_it_writes(db, resource_class, model, unread):
    # A report of 200,000 actions must not read (and turn into Python strings) each action's long description,
    # nor build an object per row: the rows come as tuples of the columns written and the rules' inputs.
    plan_world() if model is Action else indicator_world()
    out = io.BytesIO()
    with CaptureQueriesContext(connection) as queries:
        written = export_write(
            resource=resource_class(), queryset=resource_class.report_queryset(), file_format="csv", out=out
        )
    assert written == model.objects.count() > 0
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert unread not in sql
    rows = read_csv(out.getvalue())
    assert len(rows) == written
    if model is Action:
        assert {row["Action"]: row["Overdue"] for row in rows}["Mentoring programme"] == "yes"
