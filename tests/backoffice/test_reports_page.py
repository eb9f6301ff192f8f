"""The back office's Reports page: each report with its filters and CSV / XLSX buttons, for those who may export."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from actionplans.models import ActionPlan
from tests.backoffice.factories import make_world
from tests.backoffice.helpers import body, read_csv, read_xlsx


@pytest.fixture
def exporter(staff):
    for codename in ("export_attendance", "export_action", "export_indicator"):
        staff.user_permissions.add(Permission.objects.get(codename=codename))
    return staff


def test_the_admin_index_links_to_the_reports_page(client_for, admin_user):
    html = client_for(admin_user).get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("backoffice_reports")}"' in html


def test_the_page_lists_each_report_with_what_it_holds_and_its_buttons(client_for, exporter):
    html = client_for(exporter).get(reverse("backoffice_reports")).content.decode()
    for name, title in (
        ("training-reach", "Training reach"),
        ("action-plan-progress", "Action plan progress"),
        ("indicator-progress", "Indicator progress"),
    ):
        assert title in html
        assert reverse("report_download", args=[name, "csv"]) in html
        assert reverse("report_download", args=[name, "xlsx"]) in html
    for label in ("Year", "Plan status", "Organization kind", "Region", "Training"):
        assert label in html


def test_filters_choose_the_rows(client_for, exporter):
    make_world(1)
    make_world(2)
    ActionPlan.objects.filter(title="Gender action plan 2").update(status=ActionPlan.Status.DRAFT)
    client = client_for(exporter)
    url = reverse("report_download", args=["action-plan-progress", "csv"])
    assert [r["Plan"] for r in read_csv(body(client.get(url)))] == ["Gender action plan 1"]
    rows = read_csv(body(client.get(url, {"statuses": ["draft"]})))
    assert [r["Plan"] for r in rows] == ["Gender action plan 2"]
    response = client.get(reverse("report_download", args=["training-reach", "xlsx"]), {"year": 1990})
    assert response.status_code == 200 and read_xlsx(body(response))[0] == []


def test_staff_without_the_export_permission_are_refused(client_for, staff):
    assert client_for(staff).get(reverse("backoffice_reports")).status_code == 403
    assert client_for(staff).get(reverse("report_download", args=["training-reach", "csv"])).status_code == 403


def test_partners_and_anonymous_visitors_are_sent_to_the_admin_sign_in(client, client_for, partner):
    assert client.get(reverse("backoffice_reports")).status_code == 302
    assert client_for(partner).get(reverse("report_download", args=["training-reach", "csv"])).status_code == 302


def test_an_unknown_report_or_format_is_404_and_a_bad_year_is_a_message(client_for, exporter):
    client = client_for(exporter)
    assert client.get(reverse("report_download", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("report_download", args=["training-reach", "pdf"])).status_code == 404
    response = client.get(reverse("report_download", args=["training-reach", "csv"]), {"year": "abc"})
    assert response.status_code == 400 and "Enter a whole number." in response.content.decode()


@pytest.mark.parametrize("worlds", [1, 5])
def test_the_page_and_a_download_take_a_fixed_number_of_queries(
    client_for, exporter, worlds, django_assert_num_queries
):
    for number in range(worlds):
        make_world(number + 1)
    client = client_for(exporter)
    # session, user, permissions (1), the bell, the training choices: the same with one training or five
    with django_assert_num_queries(5):
        client.get(reverse("backoffice_reports"))
    # session, user (the permissions read on the page come from the cache), the number of rows (more than
    # EXPORT_BACKGROUND_ROWS go to the worker), the report's rows with their plan and organization joined in
    with django_assert_num_queries(4):
        client.get(reverse("report_download", args=["indicator-progress", "xlsx"]))


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("training-reach", "Organization"),
        ("action-plan-progress", "Organization"),
        ("indicator-progress", "Organization"),
    ],
)
def test_organization_kind_region_and_training_filters_choose_the_rows(client_for, exporter, name, column):
    from organizations.models import Organization, OrganizationKind, Region
    from sessions_log.models import TrainingSession

    make_world(1)
    make_world(2)
    Organization.objects.filter(name="Organization 2").update(kind=OrganizationKind.LOCAL_CSO, region=Region.NARYN)
    second = TrainingSession.objects.get(title="Gender mainstreaming 2")
    client = client_for(exporter)
    url = reverse("report_download", args=[name, "csv"])

    def organizations(**query):
        return sorted({row[column] for row in read_csv(body(client.get(url, query)))})

    assert organizations() == ["Organization 1", "Organization 2"]
    assert organizations(kind=OrganizationKind.LOCAL_CSO) == ["Organization 2"]
    assert organizations(region=Region.OSH) == ["Organization 1"]
    assert organizations(training=second.pk) == ["Organization 2"]
    assert organizations(kind=OrganizationKind.LOCAL_CSO, region=Region.OSH) == []


def test_the_page_says_what_each_report_holds_and_ticks_approved_and_completed(client_for, exporter):
    from actionplans.backoffice import DESCRIPTIONS

    response = client_for(exporter).get(reverse("backoffice_reports"))
    html = response.content.decode()
    for name in ("training-reach", "action-plan-progress", "indicator-progress"):
        assert str(DESCRIPTIONS[name]) in html
    ticked = set(response.context["form"]["statuses"].initial)
    assert ticked == {ActionPlan.Status.APPROVED, ActionPlan.Status.COMPLETED}
    for status in ActionPlan.Status:
        box = next(line for line in html.splitlines() if f'value="{status}"' in line and "statuses" in line)
        assert ("checked" in box) == (status in ticked), box
