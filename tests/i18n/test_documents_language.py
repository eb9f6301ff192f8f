"""The print view, the PDF and the back-office exports speak the language the person chose."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from actionplans.models import Action, ActionPlan, Objective
from tests.backoffice.factories import make_world
from tests.backoffice.helpers import admin_export, read_csv, read_xlsx


def translated(language, text):
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result


@pytest.fixture
def plan(org_a, partner):
    plan = ActionPlan.objects.create(
        organization=org_a, title="Gender action plan 2027", period_start="2027-01-01", period_end="2027-12-31"
    )
    objective = Objective.objects.create(plan=plan, title="Women on the board", content_area="leadership")
    Action.objects.create(objective=objective, title="Quota for women on the board")
    return plan


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_the_print_view_has_headings_in_the_partners_language(client_for, partner, plan, language):
    partner.language = language
    partner.save()
    page = client_for(partner).get(reverse("actionplans:print", args=[plan.pk])).content.decode()
    assert translated(language, "Statement of intent") in page
    assert translated(language, "Leadership and decision-making") in page  # a choice label
    assert "Statement of intent" not in page
    assert "Gender action plan 2027" in page  # what the partner typed stays as typed


def test_the_pdf_has_headings_in_the_partners_language(client_for, partner, plan, tmp_path):
    partner.language = "ky"
    partner.save()
    response = client_for(partner).get(reverse("actionplans:pdf", args=[plan.pk]))
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert translated("ky", "Statement of intent") in " ".join(text.split())
    assert "Statement of intent" not in text


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_admin_exports_have_column_names_and_labels_in_the_staff_members_language(client_for, admin_user, file_format):
    make_world()
    admin_user.language = "ru"
    admin_user.save()
    response = admin_export(client_for(admin_user), Action, file_format=file_format)
    assert response.status_code == 200
    rows = read_csv(response.content) if file_format == "csv" else read_xlsx(response.content)[0]
    header = list(rows[0])
    assert translated("ru", "Organization") in header
    assert "Organization" not in header
    assert set(rows[0].values()) & {translated("ru", "Planned"), translated("ru", "In progress")}


def test_the_plan_page_prints_in_the_organizations_working_language(client_for, partner, plan, org_a):
    org_a.language = "ru"
    org_a.save()
    client = client_for(partner)  # the partner reads the site in English
    page = client.get(plan.get_absolute_url()).content.decode()
    print_url = reverse("actionplans:print", args=[plan.pk]) + "?language=ru"
    assert f'href="{print_url}"' in page
    document = client.get(print_url).content.decode()
    assert translated("ru", "Statement of intent") in document and "Statement of intent" not in document
    assert '<html lang="ru">' in document
    assert "Statement of intent" in client.get(plan.get_absolute_url()).content.decode()  # the site stays English


def test_an_unknown_document_language_falls_back_to_the_persons(client_for, partner, plan):
    document = client_for(partner).get(reverse("actionplans:print", args=[plan.pk]) + "?language=xx").content.decode()
    assert "Statement of intent" in document


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_admin_workbooks_name_their_sheet_and_write_yes_no_as_words_in_the_export_language(
    client_for, admin_user, org_a, org_b, language
):
    """Issue 13 §4: no "Tablib Dataset" sheet, no 0/1 for yes/no, in the language of the person exporting."""
    import io

    import openpyxl

    from organizations.models import Organization

    org_b.is_active = False
    org_b.save()
    admin_user.language = language
    admin_user.save()
    response = admin_export(client_for(admin_user), Organization, file_format="xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    with translation.override(language):
        sheet = str(Organization._meta.verbose_name_plural).capitalize()
        yes, no = translation.gettext("yes"), translation.gettext("no")
        active = str(Organization._meta.get_field("is_active").verbose_name).capitalize()
    assert workbook.sheetnames == [sheet]
    rows = read_xlsx(response.content)[0]
    assert {next(iter(row.values())): row[active] for row in rows} == {  # the first column is the name
        org_a.name: yes,
        org_b.name: no,
    }
    if language != "en":
        assert (yes, no) != ("yes", "no")


def test_a_period_report_prints_in_the_organizations_working_language(client_for, partner, coordinator, org_a):
    """Issue 13 §4: the organization's printed documents, the period report's as the plan's."""
    from tests.reporting.conftest import approved_plan

    plan = approved_plan(org_a, coordinator)
    org_a.language = "ky"
    org_a.save()
    client = client_for(partner)  # the partner reads the site in English
    page = client.get(reverse("actionplans:report", args=[plan.pk, 1])).content.decode()
    print_url = reverse("actionplans:report_print", args=[plan.pk, 1]) + "?language=ky"
    pdf_url = reverse("actionplans:report_pdf", args=[plan.pk, 1]) + "?language=ky"
    assert f'href="{print_url}"' in page and f'href="{pdf_url}"' in page
    document = client.get(print_url).content.decode()
    heading = "Period report on the gender action plan"
    assert translated("ky", heading) in document and heading not in document
    assert '<html lang="ky">' in document and f'href="{pdf_url}"' in document
    assert client.get(pdf_url).content.startswith(b"%PDF")
