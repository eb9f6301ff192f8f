"""Large exports are made by the task worker: the person is told, downloads the file (only they can), for 7 days."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from actionplans.models import Action, ActionPlan
from exports.models import ExportJob
from exports.services import export_run, exports_prune
from notifications.models import Notification
from tests.backoffice.factories import make_world
from tests.backoffice.helpers import admin_export, body, read_csv, read_xlsx


@pytest.fixture
def exporter(staff):
    for codename in ("export_attendance", "export_action", "export_indicator"):
        staff.user_permissions.add(Permission.objects.get(codename=codename))
    return staff


@pytest.fixture
def other_exporter(db):
    from tests.conftest import make_user

    user = make_user("other-exporter", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="export_action"))
    return user


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_BACKGROUND_ROWS = 0
    return settings


def report_url(name="action-plan-progress", file_format="csv"):
    return reverse("report_download", args=[name, file_format])


def test_a_large_report_is_made_in_the_background_and_the_person_is_told(
    client_for, exporter, small_threshold, django_capture_on_commit_callbacks
):
    make_world(1)
    make_world(2)
    client = client_for(exporter)
    with django_capture_on_commit_callbacks(execute=True):  # Q_SYNC: the task runs here once the request commits
        response = client.get(report_url(file_format="xlsx"))
    assert response.status_code == 302 and response["Location"] == reverse("exports:list")
    job = ExportJob.objects.get()
    assert (job.user, job.status, job.rows, job.file_format) == (exporter, "ready", 2, "xlsx")
    assert job.file.name.endswith(".xlsx") and default_storage.exists(job.file.name)

    notification = Notification.objects.get(recipient=exporter)
    assert notification.kind == "export_ready" and notification.link == reverse("exports:download", args=[job.pk])
    assert "Action plan progress" in notification.message
    assert [m.subject for m in mail.outbox if exporter.email in m.to] == ["Your export is ready: Action plan progress"]

    page = client.get(reverse("exports:list")).content.decode()
    assert "Action plan progress" in page and reverse("exports:download", args=[job.pk]) in page
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    rows, _cells = read_xlsx(body(download))
    assert sorted(row["Plan"] for row in rows) == ["Gender action plan 1", "Gender action plan 2"]


def test_the_background_file_holds_what_the_direct_download_holds(
    client_for, exporter, settings, django_capture_on_commit_callbacks
):
    make_world(1)
    make_world(2)
    ActionPlan.objects.filter(title="Gender action plan 2").update(status=ActionPlan.Status.DRAFT)
    client = client_for(exporter)
    query = {"statuses": ["draft", "approved"]}
    direct = body(client.get(report_url(), query))
    settings.EXPORT_BACKGROUND_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.get(report_url(), query)
    job = ExportJob.objects.get()
    assert job.spec["statuses"] == ["draft", "approved"]
    assert read_csv(body(client.get(reverse("exports:download", args=[job.pk])))) == read_csv(direct)


def test_a_large_admin_export_follows_the_lists_filters_in_the_background(
    client_for, admin_user, small_threshold, django_capture_on_commit_callbacks
):
    make_world(1)
    make_world(2)
    client = client_for(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_export(client, Action, query="?q=plan 2")
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.spec["source"] == "admin" and job.status == "ready" and job.rows == 1
    assert job.filename.startswith("Action-") and job.filename.endswith(".csv")
    rows = read_csv(body(client.get(reverse("exports:download", args=[job.pk]))))
    assert [row["Plan"] for row in rows] == ["Gender action plan 2"]


def test_below_the_threshold_the_file_comes_at_once(client_for, exporter):
    make_world(1)
    response = client_for(exporter).get(report_url())
    assert response.status_code == 200 and response.streaming
    assert ExportJob.objects.count() == 0


def test_only_the_person_who_asked_downloads_the_file(
    client, client_for, exporter, other_exporter, admin_user, small_threshold, django_capture_on_commit_callbacks
):
    make_world(1)
    make_world(2)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(exporter).get(report_url())
    url = reverse("exports:download", args=[ExportJob.objects.get().pk])
    assert client_for(other_exporter).get(url).status_code == 404
    assert client_for(admin_user).get(url).status_code == 404  # not even a superuser
    assert "Action plan progress" not in client_for(other_exporter).get(reverse("exports:list")).content.decode()
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_an_export_asked_for_by_someone_who_lost_the_permission_fails_and_says_so(
    client_for, exporter, small_threshold
):
    make_world(1)
    make_world(2)
    client_for(exporter).get(report_url())  # queued; the task has not run (no commit callbacks)
    job = ExportJob.objects.get()
    exporter.user_permissions.clear()
    assert export_run(pk=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and not job.file and "PermissionDenied" in job.error
    assert Notification.objects.get(recipient=exporter).kind == "export_failed"
    page = client_for(exporter).get(reverse("exports:list")).content.decode()
    assert reverse("exports:download", args=[job.pk]) not in page


def test_a_task_delivered_twice_makes_the_file_once(client_for, exporter, small_threshold):
    make_world(1)
    make_world(2)
    client_for(exporter).get(report_url())
    job = ExportJob.objects.get()
    assert export_run(pk=job.pk) == "ready"
    assert export_run(pk=job.pk) is None
    assert Notification.objects.filter(recipient=exporter).count() == 1


def test_files_older_than_seven_days_are_deleted_by_the_daily_job(
    client_for, exporter, small_threshold, django_capture_on_commit_callbacks
):
    make_world(1)
    make_world(2)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(exporter).get(report_url())
        client_for(exporter).get(report_url(file_format="xlsx"))
    old, new = ExportJob.objects.order_by("created_at")
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    assert client_for(exporter).get(reverse("exports:download", args=[old.pk])).status_code == 404
    assert exports_prune() == 1
    assert list(ExportJob.objects.all()) == [new]
    assert not default_storage.exists(old.file.name) and default_storage.exists(new.file.name)
    schedule = Schedule.objects.get(name="Delete old exports")
    assert (schedule.func, schedule.schedule_type) == ("exports.tasks.exports_prune", Schedule.DAILY)


@pytest.mark.parametrize("count", [1, 4])
def test_my_exports_page_reads_the_same_queries_at_any_size(client_for, exporter, count, django_assert_num_queries):
    for n in range(count):
        ExportJob.objects.create(user=exporter, title=f"Report {n}", filename=f"r{n}.csv", file_format="csv")
    client = client_for(exporter)
    # session, user, the person's permissions (own and group's: the header's menu), the bell's unread count, the jobs
    with django_assert_num_queries(EXPECTED_QUERIES):
        response = client.get(reverse("exports:list"))
    assert response.status_code == 200 and response.content.decode().count("Being made") == count


EXPECTED_QUERIES = 5


def test_my_exports_for_each_role(client, client_for, partner, coordinator, exporter):
    ExportJob.objects.create(user=exporter, title="Indicator progress", filename="i.csv", file_format="csv")
    for user in (partner, coordinator):
        page = client_for(user).get(reverse("exports:list"))
        assert page.status_code == 200 and "Indicator progress" not in page.content.decode()
        assert "No exports in the last days" in page.content.decode()
    client.logout()
    assert client.get(reverse("exports:list")).status_code == 302  # to the sign-in page
