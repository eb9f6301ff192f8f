"""manage.py export_report: the admin's three reports as files, for exports too large for a web request."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from actionplans.models import Action
from sessions_log.models import TrainingSession
from tests.backoffice.factories import make_world
from tests.backoffice.helpers import read_csv, read_json, read_xlsx


@pytest.mark.parametrize(
    ("name", "first_column", "columns"),
    [
        ("training-reach", "Date", 10),
        ("action-plan-progress", "Organization", 13),
        ("indicator-progress", "Organization", 14),
    ],
)
@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_export_report_writes_each_report_in_each_format(tmp_path, db, name, first_column, columns, file_format):
    make_world(1)
    make_world(2)
    output = tmp_path / f"report.{file_format}"

    call_command("export_report", name, "--format", file_format, "-o", str(output))

    content = output.read_bytes()
    rows = {"csv": read_csv, "json": read_json, "xlsx": lambda c: read_xlsx(c)[0]}[file_format](content)
    assert len(rows) == 2
    assert next(iter(rows[0])) == first_column
    assert len(rows[0]) == columns


def test_export_report_same_columns_and_values_as_the_admin(tmp_path, client_for, admin_user):
    from tests.backoffice.helpers import admin_export

    make_world()
    output = tmp_path / "actions.csv"
    call_command("export_report", "action-plan-progress", "--format", "csv", "-o", str(output))
    from_admin = read_csv(admin_export(client_for(admin_user), Action, resource=1).content)
    assert read_csv(output.read_bytes()) == from_admin


def test_export_report_year_keeps_that_year_only(tmp_path, db):
    make_world(1, session_date=datetime.date(2021, 11, 25))
    make_world(2, session_date=datetime.date(2022, 4, 12))
    output = tmp_path / "reach.csv"

    call_command("export_report", "training-reach", "--format", "csv", "--year", "2021", "-o", str(output))

    rows = read_csv(output.read_bytes())
    assert [row["Session"] for row in rows] == ["Gender mainstreaming 1"]
    assert TrainingSession.objects.count() == 2


def test_export_report_refuses_an_unknown_report_or_a_missing_folder(tmp_path, db):
    with pytest.raises(CommandError):
        call_command("export_report", "stories", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError):
        call_command("export_report", "training-reach", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))


def test_reports_cover_approved_and_completed_plans_unless_told_otherwise(tmp_path, db):
    make_world(1)
    make_world(2)
    from actionplans.models import ActionPlan

    ActionPlan.objects.filter(title="Gender action plan 2").update(status=ActionPlan.Status.DRAFT)
    output = tmp_path / "actions.csv"
    call_command("export_report", "action-plan-progress", "--format", "csv", "-o", str(output))
    assert [row["Plan"] for row in read_csv(output.read_bytes())] == ["Gender action plan 1"]
    call_command(
        "export_report", "action-plan-progress", "--format", "csv", "--status", "draft", "--status", "approved",
        "-o", str(output),
    )  # fmt: skip
    assert sorted(row["Plan status"] for row in read_csv(output.read_bytes())) == ["Approved", "Draft"]


def test_workbook_sheets_are_named_after_the_report_and_yes_no_are_words(tmp_path, db):
    import openpyxl

    make_world(1)
    Action.objects.update(start_date=None, due_date=datetime.date(2000, 1, 1))
    output = tmp_path / "actions.xlsx"
    call_command("export_report", "action-plan-progress", "--format", "xlsx", "-o", str(output))
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["Action plan progress"]
    rows = list(workbook.active.values)
    assert rows[1][rows[0].index("Overdue")] == "yes"
    output = tmp_path / "indicators.xlsx"
    call_command("export_report", "indicator-progress", "--format", "xlsx", "-o", str(output))
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["Indicator progress"]
    header, first = list(workbook.active.values)[:2]
    assert first[header.index("Plan status")] == "Approved"
