"""Admin imports: organizations, discussion topics and headcount snapshots, and every kind of bad file.

A bad file gets one clear sentence (or a table of line, column and problem), HTTP 200, and nothing written.
"""

import csv
import datetime
import io
import os
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind, Region
from sessions_log.models import DiscussionTopic
from tests.backoffice.helpers import admin_export

CSV, XLSX = "0", "1"


def csv_bytes(rows, *, encoding="utf-8", delimiter=","):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def upload(client, model, name, content, file_format):
    """Step 1 of the admin import: upload, validate, preview (a dry run)."""
    return client.post(
        url(model, "import"),
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, model, preview):
    """Step 2: confirm the preview; the rows are written."""
    form = preview.context["confirm_form"]
    return client.post(url(model, "process_import"), {name: form.initial.get(name) for name in form.fields})


def import_file(client, model, name, content, file_format=CSV):
    preview = upload(client, model, name, content, file_format)
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is not None, preview.content.decode()[-3000:]
    response = confirm(client, model, preview)
    assert response.status_code == 302
    return preview


def assert_rejected(response, message):
    """The page answers 200 with the message, offers no confirmation, and (checked by callers) wrote nothing."""
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert message in response.content.decode(), response.content.decode()[-3000:]


ORGANIZATIONS = [
    ["Name", "Short name", "Kind", "Region", "Contact person", "E-mail", "Active"],
    ["Osh Mayor's Office", "OMO", "State body", "Osh city", "Aibek Tashiev", "office@osh.example", "yes"],
    ["Women of Naryn", "WoN", "local_cso", "Naryn region", "", "", "1"],
]

RUSSIAN_ORGANIZATIONS = [
    ["Name", "Short name", "Kind", "Region", "Contact person", "Notes"],
    ["Мэрия города Ош", "Мэрия", "State body", "Osh city", "Айбек Ташиев", "Ответственный за гендер"],
    ["Общественное объединение «Аялзат»", "ОО Аялзат", "Local civil-society organization", "Naryn region", "", ""],
]


@pytest.fixture
def importer(client_for, admin_user):
    return client_for(admin_user)


# --- Happy paths -------------------------------------------------------------------------------------------


def test_organization_csv_import_shows_a_preview_then_writes_on_confirm(importer):
    preview = upload(importer, Organization, "partners.csv", csv_bytes(ORGANIZATIONS), CSV)
    assert preview.status_code == 200
    assert preview.context["confirm_form"] is not None
    assert "Osh Mayor" in preview.content.decode()
    assert not Organization.objects.exists()  # the preview is a dry run

    confirm(importer, Organization, preview)

    mayor = Organization.objects.get(name="Osh Mayor's Office")
    assert (mayor.kind, mayor.region, mayor.short_name) == (OrganizationKind.STATE_BODY, Region.OSH_CITY, "OMO")
    assert (mayor.contact_person, mayor.email, mayor.is_active) == ("Aibek Tashiev", "office@osh.example", True)
    assert Organization.objects.get(name="Women of Naryn").kind == OrganizationKind.LOCAL_CSO


def test_reimporting_the_same_file_updates_and_never_duplicates(importer):
    import_file(importer, Organization, "partners.csv", csv_bytes(ORGANIZATIONS))
    changed = [row[:] for row in ORGANIZATIONS]
    changed[1][4] = "Gulnara Osmonova"
    changed[2][0] = "  women of naryn "  # the same organization, typed differently

    import_file(importer, Organization, "partners.csv", csv_bytes(changed))
    import_file(importer, Organization, "partners.csv", csv_bytes(changed))

    assert Organization.objects.count() == 2
    assert Organization.objects.get(short_name="OMO").contact_person == "Gulnara Osmonova"


def test_an_exported_file_imports_back_unchanged(importer):
    Organization.objects.create(name="=cmd|' /C calc'!A0", kind=OrganizationKind.OTHER, phone="+996 555 123 456")
    Organization.objects.create(name="Osh Mayor's Office", kind=OrganizationKind.STATE_BODY, region=Region.OSH)
    exported = admin_export(importer, Organization, file_format="csv").content

    preview = import_file(importer, Organization, "organizations.csv", exported)

    assert Organization.objects.count() == 2
    tricky = Organization.objects.get(kind=OrganizationKind.OTHER)
    assert (tricky.name, tricky.phone) == ("=cmd|' /C calc'!A0", "+996 555 123 456")
    assert "Skipped" in preview.content.decode()  # nothing changed


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("utf8.csv", csv_bytes(RUSSIAN_ORGANIZATIONS), CSV),
        ("utf8-bom.csv", "\ufeff".encode() + csv_bytes(RUSSIAN_ORGANIZATIONS), CSV),
        ("windows-1251.csv", csv_bytes(RUSSIAN_ORGANIZATIONS, encoding="cp1251", delimiter=";"), CSV),
        ("партнёры.xlsx", xlsx_bytes(RUSSIAN_ORGANIZATIONS), XLSX),
    ],
    ids=["utf-8", "utf-8-bom", "cp1251-semicolons", "russian-xlsx"],
)
def test_russian_language_files_are_accepted_in_every_encoding(importer, name, content, file_format):
    import_file(importer, Organization, name, content, file_format)

    mayor = Organization.objects.get(name="Мэрия города Ош")
    assert (mayor.short_name, mayor.contact_person, mayor.kind) == (
        "Мэрия",
        "Айбек Ташиев",
        OrganizationKind.STATE_BODY,
    )
    assert mayor.notes == "Ответственный за гендер"
    assert Organization.objects.get(short_name="ОО Аялзат").kind == OrganizationKind.LOCAL_CSO


def test_headers_may_be_field_names(importer):
    rows = [["name", "kind", "is_active"], ["Talas Youth", "research", "no"]]
    import_file(importer, Organization, "partners.csv", csv_bytes(rows))
    talas = Organization.objects.get(name="Talas Youth")
    assert (talas.kind, talas.is_active) == (OrganizationKind.RESEARCH, False)


def test_discussion_topics_import_by_question(importer):
    rows = [
        ["Question", "Theme", "Active"],
        ["What is gender to you?", "Basics", "yes"],
        ["Why should we care about gender?", "Basics", "yes"],
    ]
    import_file(importer, DiscussionTopic, "topics.xlsx", xlsx_bytes(rows), XLSX)
    rows[1][1] = "Concepts"
    import_file(importer, DiscussionTopic, "topics.xlsx", xlsx_bytes(rows), XLSX)

    assert DiscussionTopic.objects.count() == 2
    assert DiscussionTopic.objects.get(question="What is gender to you?").theme == "Concepts"


def test_headcount_snapshots_import_by_organization_name_date_and_level(importer):
    org = Organization.objects.create(name="Osh Mayor's Office", kind=OrganizationKind.STATE_BODY)
    rows = [
        ["Organization", "As of", "Level", "Women", "Men", "Not stated"],
        ["Osh Mayor's Office", "2021-12-31", "Management and decision-making", "2", "9", "0"],
        ["osh mayor's office", "31.12.2021", "administrative", "14", "3", ""],
    ]
    import_file(importer, HeadcountSnapshot, "profile.csv", csv_bytes(rows))
    rows[1][3] = "3"
    import_file(importer, HeadcountSnapshot, "profile.csv", csv_bytes(rows))

    snapshots = {s.level: s for s in HeadcountSnapshot.objects.filter(organization=org)}
    assert set(snapshots) == {Level.MANAGEMENT, Level.ADMINISTRATIVE}
    assert (snapshots[Level.MANAGEMENT].women, snapshots[Level.MANAGEMENT].men) == (3, 9)
    assert snapshots[Level.ADMINISTRATIVE].as_of == datetime.date(2021, 12, 31)
    assert HeadcountSnapshot.objects.count() == 2


# --- Invalid rows: the whole file is rejected --------------------------------------------------------------


def test_one_invalid_row_rejects_the_whole_file_with_line_column_and_message(importer):
    rows = [row[:] for row in ORGANIZATIONS] + [
        ["Bishkek Research Institute", "", "Think tank", "", "", "not-an-email", ""]
    ]
    response = upload(importer, Organization, "partners.csv", csv_bytes(rows), CSV)

    assert_rejected(response, "The file was not imported")
    page = response.content.decode()
    assert "<td>4</td>" in page  # line 4 of the file (line 1 is the header row)
    assert "<td>Kind</td>" in page
    assert "“Think tank” is not one of: State body" in page
    assert "<td>E-mail</td>" in page
    assert not Organization.objects.exists()


def test_a_row_that_breaks_a_database_rule_rejects_the_file(importer):
    Organization.objects.create(name="Osh Mayor's Office", kind=OrganizationKind.STATE_BODY)
    rows = [
        ["Organization", "As of", "Level", "Women", "Men"],
        ["Osh Mayor's Office", "2021-12-31", "governing", "2", "9"],
        ["Osh Mayor's Office", "2021-12-31", "management", "-1", "9"],
        ["Nobody Ltd", "2021-12-31", "management", "1", "1"],
        ["Osh Mayor's Office", "yesterday", "management", "1", "1.5"],
    ]
    response = upload(importer, HeadcountSnapshot, "profile.csv", csv_bytes(rows), CSV)

    assert_rejected(response, "The file was not imported")
    page = response.content.decode()
    assert "There is no organization named “Nobody Ltd”" in page
    assert "is not a date" in page
    assert "“1.5” is not a whole number" in page
    assert "Ensure this value is greater than or equal to 0" in page
    assert not HeadcountSnapshot.objects.exists()


def test_the_confirm_step_writes_nothing_when_a_row_is_invalid(importer):
    # A file that changed between preview and confirmation: still all or nothing.
    from tests.backoffice.test_import_confirm import stored_preview_file

    preview = upload(importer, Organization, "x.csv", csv_bytes([r[:3] for r in ORGANIZATIONS]), CSV)
    rows = [row[:3] for row in ORGANIZATIONS] + [["Bishkek Research Institute", "", "Think tank"]]
    stored_preview_file(preview).write_bytes(csv_bytes(rows))
    response = confirm(importer, Organization, preview)
    assert response.status_code == 302
    assert response["Location"] == url(Organization, "import")
    assert "Nothing was written" in importer.get(response["Location"]).content.decode()
    assert not Organization.objects.exists()


# --- Bad files: a clear sentence, no 500, nothing written ---------------------------------------------------


def zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row>" + b" " * (1024 * 1024) + b"</row>"
            for _ in range(80):
                sheet.write(chunk)
    return out.getvalue()


def docx_like():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


BAD_FILES = [
    ("random bytes named .xlsx", "partners.xlsx", os.urandom(4000), XLSX, "is not an Excel workbook"),
    ("a Word document named .xlsx", "partners.xlsx", docx_like(), XLSX, "is not an Excel workbook"),
    ("a zip bomb", "partners.xlsx", zip_bomb(), XLSX, "unpacks to far more data"),
    ("random bytes named .csv", "partners.csv", os.urandom(4000), CSV, "is not a CSV text file"),
    ("a PDF named .csv", "partners.csv", b"%PDF-1.4\n" + os.urandom(2000), CSV, "is not a CSV text file"),
    ("an xlsx named .csv", "partners.csv", xlsx_bytes(ORGANIZATIONS), CSV, "is not a CSV text file"),
    ("a csv sent as xlsx", "partners.csv", csv_bytes(ORGANIZATIONS), XLSX, "must end in .xlsx"),
    ("UTF-16 text", "partners.csv", "Name\tKind\nOsh\tother\n".encode("utf-16"), CSV, "UTF-16"),
    ("more than 5 MB", "partners.csv", b"Name,Kind\n" + b"x,other\n" * 700_000, CSV, "larger than 5 MB"),
    (
        "more than 10,000 rows",
        "partners.csv",
        csv_bytes([["Name", "Kind"], *[[f"Org {i}", "other"] for i in range(10_001)]]),
        CSV,
        "more than 10,000 rows",
    ),
    (
        "more than 10,000 rows in xlsx",
        "partners.xlsx",
        xlsx_bytes([["Name", "Kind"], *[[f"Org {i}", "other"] for i in range(10_001)]]),
        XLSX,
        "more than 10,000 rows",
    ),
    (
        "wrong headers",
        "partners.csv",
        csv_bytes([["Firma", "Typ"], ["Osh", "other"]]),
        CSV,
        "Unknown columns: Firma, Typ",
    ),
    ("a missing column", "partners.csv", csv_bytes([["Name", "Region"], ["Osh", "osh"]]), CSV, "Missing columns: Kind"),
    (
        "a name twice",
        "partners.csv",
        csv_bytes([["Name", "Kind"], ["Osh", "other"], ["OSH ", "other"]]),
        CSV,
        "Lines 2 and 3 describe the same organization",
    ),
    ("an empty file", "partners.csv", b"", CSV, "empty"),
    ("only a header", "partners.csv", b"Name,Kind\n", CSV, "no rows to import"),
    ("a header with a gap", "partners.csv", b"Name,,Kind\nOsh,x,other\n", CSV, "Column 2 has no name"),
]


@pytest.mark.parametrize(
    ("name", "content", "file_format", "message"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_files_are_rejected_with_a_clear_message(importer, name, content, file_format, message):
    response = upload(importer, Organization, name, content, file_format)
    assert_rejected(response, message)
    assert not Organization.objects.exists()


# --- Permissions -------------------------------------------------------------------------------------------


def test_import_needs_the_add_permission(client_for, staff):
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_organization", "change_organization"]))
    client = client_for(staff)
    assert b"import_link" not in client.get(url(Organization, "changelist")).content
    assert client.get(url(Organization, "import")).status_code == 403
    response = upload(client, Organization, "partners.csv", csv_bytes(ORGANIZATIONS), CSV)
    assert response.status_code == 403
    assert not Organization.objects.exists()


def test_staff_with_add_and_change_permission_can_import(client_for, staff):
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_organization", "add_organization", "change_organization"])
    )
    client = client_for(staff)
    assert b"import_link" in client.get(url(Organization, "changelist")).content
    import_file(client, Organization, "partners.csv", csv_bytes(ORGANIZATIONS))
    assert Organization.objects.count() == 2


# --- Speed: 10,000 rows must fit in a web request ----------------------------------------------------------


def test_import_queries_do_not_grow_with_rows(db):
    # Existing rows and organizations are read once, rows are validated without queries and written in bulk:
    # no query per row. (SQLite splits a bulk insert into statements of about 120 rows; PostgreSQL does not.)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.imports import CSVImport
    from organizations.resources import HeadcountSnapshotResource

    Organization.objects.bulk_create(Organization(name=f"Org {i}", kind=OrganizationKind.OTHER) for i in range(1000))

    def queries_for(count):
        rows = [["Organization", "As of", "Level", "Women", "Men"]]
        rows += [[f"Org {i}", f"{2000 + count % 7}-01-01", "Governing body", 1, 2] for i in range(count)]
        dataset = CSVImport().create_dataset(csv_bytes(rows))
        with CaptureQueriesContext(connection) as queries:
            result = HeadcountSnapshotResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
        assert not result.has_errors() and not result.has_validation_errors()
        # After its rows, an import renews the stamps of the pages that show them (core.stamps.renew_for): once each.
        renewals = sum('"core_stamp"' in query["sql"] for query in queries)
        return len(queries) - renewals, renewals

    (ten, renewals_ten), (thousand, renewals_thousand) = queries_for(10), queries_for(1000)
    assert ten < 15
    assert thousand - ten <= 1000 // 100
    assert renewals_ten == renewals_thousand > 0
    assert HeadcountSnapshot.objects.count() == 1010
