"""A large export through the real task worker (`manage.py qcluster`) and a real SMTP server on loopback."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from exports.models import ExportJob
from tests.backoffice.factories import make_world
from tests.backoffice.helpers import body, read_csv
from tests.notifications.conftest import wait_for


def test_the_worker_makes_the_file_and_mails_the_link(worker, smtp_server, client_for, staff, settings):
    staff.user_permissions.add(Permission.objects.get(codename="export_action"))
    make_world(1)
    make_world(2)
    settings.EXPORT_BACKGROUND_ROWS = 0
    client = client_for(staff)
    response = client.get(reverse("report_download", args=["action-plan-progress", "csv"]))
    assert response.status_code == 302  # the request only queued it

    job = wait_for(lambda: ExportJob.objects.filter(status="ready").first(), what="the export")
    link = reverse("exports:download", args=[job.pk])
    mail = wait_for(lambda: smtp_server.to(staff.email), what="the mail")[0]
    assert mail["Subject"] == "Your export is ready: Action plan progress"
    assert link in mail.get_body(("plain",)).get_content()
    rows = read_csv(body(client.get(link)))
    assert sorted(row["Plan"] for row in rows) == ["Gender action plan 1", "Gender action plan 2"]
