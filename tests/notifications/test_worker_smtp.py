"""The real thing: a plan submitted through the pages ends as a mail received by an SMTP server on loopback,
sent by the queue's worker process, in the coordinator's language; and with the server down it waits and goes out
once when it is back."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from actionplans.events import PLAN_SUBMITTED
from notifications import kinds
from notifications.models import OutgoingMail
from tests.actionplans.conftest import make_plan

from .conftest import wait_for


def _submit(client, partner, plan):
    client.force_login(partner)
    response = client.post(reverse("actionplans:submit", args=[plan.pk]))
    assert response.status_code == 302


def test_a_submitted_plan_reaches_a_russian_speaking_coordinator_by_smtp(
    worker, smtp_server, client, coordinator, partner, org_a
):
    coordinator.language = "ru"
    coordinator.save()
    plan = make_plan(org_a, title="План 2026")

    _submit(client, partner, plan)

    # The request only stored and enqueued the mail; the worker sent it.
    messages = wait_for(lambda: smtp_server.to(coordinator.email), what="the submitted plan's mail")
    assert len(messages) == 1
    message = messages[0]
    with translation.override("ru"):
        subject = kinds.render(PLAN_SUBMITTED.subject, {"plan": "План 2026"})
    assert subject != kinds.render(PLAN_SUBMITTED.subject, {"plan": "План 2026"})  # really translated
    assert str(message["Subject"]).strip() == subject
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    site = settings.SITE_URL
    assert f"{site}/plans/{plan.pk}/review/" in text
    assert f'href="{site}/plans/{plan.pk}/review/"' in html
    assert f"{site}/notifications/settings/" in text and f"{site}/notifications/settings/" in html
    assert "Women's Initiative Osh" in text
    # The partner who submitted is not told of their own submission.
    assert smtp_server.to(partner.email) == []
    # The server has the mail a moment before the worker records it as sent.
    wait_for(
        lambda: OutgoingMail.objects.filter(recipient=coordinator, status=OutgoingMail.Status.SENT).exists(),
        what="the mail marked sent",
    )


def test_with_the_smtp_server_down_the_mail_waits_and_goes_out_once(
    worker, smtp_server, client, coordinator, partner, org_a
):
    smtp_server.stop()
    plan = make_plan(org_a)

    _submit(client, partner, plan)

    mail = OutgoingMail.objects.get(recipient=coordinator)
    wait_for(lambda: OutgoingMail.objects.filter(pk=mail.pk, attempts__gte=1).exists(), what="a failed attempt")
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.PENDING and mail.last_error
    assert smtp_server.messages == []

    smtp_server.start()
    wait_for(lambda: smtp_server.to(coordinator.email), what="the retried mail")
    wait_for(
        lambda: OutgoingMail.objects.filter(pk=mail.pk, status=OutgoingMail.Status.SENT).exists(),
        what="the mail marked sent",
    )
    # Let the scheduler run its retries and the sweeper a few more times: nothing goes out again.
    from notifications.mail import mails_send_due

    mails_send_due()
    assert len(smtp_server.to(coordinator.email)) == 1
