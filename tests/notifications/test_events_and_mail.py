"""Plan events notify the right people once, in their language; every mail goes through the queue."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from actionplans.models import ActionPlan
from notifications.mail import mail_send, mails_send_due
from notifications.models import Notification, OutgoingMail
from tests.actionplans.conftest import make_plan

from .helpers import mails_to


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_submit_tells_the_coordinators_not_the_partner(client_for, on_commit, coordinator, partner, viewer, org_a):
    plan = make_plan(org_a)
    with on_commit():
        client_for(partner).post(reverse("actionplans:submit", args=[plan.pk]))
    assert [n.recipient for n in Notification.objects.all()] == [coordinator]
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == f"Plan submitted for review: {plan.title}"
    assert f"/plans/{plan.pk}/review/" in message.body
    assert "/notifications/settings/" in message.body  # the footer to change one's settings


def test_return_and_approve_tell_the_editors_in_their_language(
    client_for, on_commit, coordinator, partner, viewer, org_a
):
    partner.language = "ky"
    partner.save()
    plan = make_plan(org_a)
    with on_commit():
        client_for(partner).post(reverse("actionplans:submit", args=[plan.pk]))
    review = reverse("actionplans:review", args=[plan.pk])
    with on_commit():
        client_for(coordinator).post(review, {"decision": "return", "comment": "Add a budget line"})
    [returned] = mails_to(partner)
    assert returned.subject == f"План оңдоого кайтарылды: {plan.title}"
    assert "Add a budget line" in returned.body
    assert mails_to(viewer) == []  # viewers read, editors act

    plan.refresh_from_db()
    with on_commit():
        client_for(partner).post(reverse("actionplans:submit", args=[plan.pk]))
    with on_commit():
        client_for(coordinator).post(review, {"decision": "approve", "comment": ""})
    assert [m.subject for m in mails_to(partner)][-1] == f"План бекитилди: {plan.title}"
    # The second submission is a new event: the coordinator heard of both.
    assert len(mails_to(coordinator)) == 2


def test_without_a_language_in_the_profile_the_mail_is_in_the_sites_default(
    client_for, on_commit, coordinator, partner, org_a, settings
):
    """Not the language of whoever caused the event: the partner submits in Russian, the site default is Kyrgyz."""
    from django.utils import translation

    from actionplans.events import PLAN_SUBMITTED
    from notifications import kinds

    settings.LANGUAGE_CODE = "ky"
    coordinator.language = ""
    coordinator.save()
    partner.language = "ru"
    partner.save()
    plan = make_plan(org_a)
    with on_commit():
        client_for(partner).post(reverse("actionplans:submit", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    [message] = mails_to(coordinator)
    with translation.override("ky"):
        expected = kinds.render(PLAN_SUBMITTED.subject, {"plan": plan.title})
    assert expected != f"Plan submitted for review: {plan.title}"
    assert message.subject == expected


def test_the_same_event_notifies_nobody_twice(on_commit, coordinator, partner, org_a):
    from actionplans import events

    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    with on_commit():
        events.plan_submitted(plan)
        events.plan_submitted(plan)
    assert Notification.objects.count() == 1
    assert OutgoingMail.objects.count() == 1 and len(mail.outbox) == 1


def test_a_mail_being_sent_or_sent_is_not_sent_again_by_a_second_worker_or_the_sweeper(partner):
    """Sending claims the mail with one guarded UPDATE: whoever comes second (a retry, the sweeper, a second
    worker) finds it taken and sends nothing; a worker that died mid-send frees it after 15 minutes."""
    import datetime

    from django.core.mail import EmailMessage
    from django.utils import timezone

    from notifications.mail import mail_enqueue

    stored = mail_enqueue(message=EmailMessage("Hello", "Body", to=[partner.email]))
    OutgoingMail.objects.filter(pk=stored.pk).update(status=OutgoingMail.Status.SENDING)  # another worker has it
    assert mail_send(stored.pk) == OutgoingMail.Status.SENDING
    assert mails_send_due() == 0 and mail.outbox == []

    later = timezone.now() + datetime.timedelta(minutes=16)  # that worker died: the sweeper frees and sends it
    assert mails_send_due(now=later) == 1
    assert mail_send(stored.pk, now=later) == OutgoingMail.Status.SENT
    assert mails_send_due(now=later) == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("address", ["", "not-an-address"])
def test_a_person_without_an_address_is_told_in_the_app_only(
    client_for, on_commit, coordinator, partner, org_a, address
):
    coordinator.email = address
    coordinator.save()
    plan = make_plan(org_a)
    with on_commit():
        client_for(partner).post(reverse("actionplans:submit", args=[plan.pk]))
    assert mail.outbox == []
    assert Notification.objects.get(recipient=coordinator).mail == Notification.Mail.UNREACHABLE
    page = client_for(coordinator).get(reverse("notifications:list")).content.decode()
    assert "no valid e-mail address" in page


def test_coordinators_see_who_cannot_be_reached(client_for, coordinator, partner, org_a):
    partner.email = "not-an-address"
    partner.save()
    make_plan(org_a)
    page = client_for(coordinator).get("/").content.decode()
    assert "Partners who cannot be reached by e-mail" in page and "Aida Partner" in page


def test_a_deactivated_recipient_gets_no_mail_already_queued(coordinator, partner, org_a):
    from actionplans import events

    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    events.plan_submitted(plan)  # on_commit not run: the mail waits in the queue
    coordinator.is_active = False
    coordinator.save()
    mails_send_due()
    assert mail.outbox == []
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.CANCELLED


def test_someone_removed_from_the_organization_gets_no_mail_already_queued(coordinator, partner, org_a):
    """The plan was approved while the SMTP server was down; the editor left the organization before it came back."""
    from actionplans import events
    from organizations.models import Membership

    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    events.plan_approved(plan)  # on_commit not run: the mail waits in the queue
    stored = OutgoingMail.objects.get(recipient=partner)
    Membership.objects.filter(user=partner, organization=org_a).delete()
    mails_send_due()
    assert mail.outbox == []
    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.CANCELLED and "no longer" in stored.last_error


def test_a_coordinator_who_left_the_coordinators_gets_no_mail_already_queued(coordinator, partner, org_a):
    from actionplans import events

    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    events.plan_submitted(plan)
    coordinator.groups.clear()
    mails_send_due()
    assert mail.outbox == []
    assert OutgoingMail.objects.get(recipient=coordinator).status == OutgoingMail.Status.CANCELLED


def test_account_mails_to_someone_outside_any_organization_still_go(partner, org_a):
    """Only event mails depend on the organization: a password reset for someone removed from it goes out."""
    from django.core.mail import EmailMessage

    from notifications.mail import mail_enqueue
    from organizations.models import Membership

    Membership.objects.filter(user=partner).delete()
    stored = mail_enqueue(message=EmailMessage("Reset", "Body", to=[partner.email]), recipient=partner)
    assert mail_send(stored.pk) == OutgoingMail.Status.SENT


@pytest.mark.parametrize("delivery", ["event", "none"])
def test_password_reset_mail_goes_through_the_queue_whatever_the_choice(client, on_commit, partner, settings, delivery):
    """Account mails always go out, even to someone who chose no notification mail."""
    from notifications.services import delivery_set

    delivery_set(user=partner, delivery=delivery)
    settings.EMAIL_BACKEND = "notifications.backends.QueuedEmailBackend"
    with on_commit():
        client.post(reverse("password_reset"), {"email": partner.email})
    stored = OutgoingMail.objects.get()
    assert stored.to == partner.email and stored.status == OutgoingMail.Status.SENT
    assert len(mail.outbox) == 1 and "/accounts/reset/" in mail.outbox[0].body


def test_an_address_the_server_refuses_is_logged_and_nothing_crashes(smtp_server, partner, caplog):
    from django.core.mail import EmailMessage

    from notifications.mail import mail_enqueue

    stored = mail_enqueue(message=EmailMessage("Hello", "Body", to=["bounce@example.org"]))
    with override_settings(
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_server.port,
    ):
        assert mail_send(stored.pk) == OutgoingMail.Status.FAILED
    stored.refresh_from_db()
    assert "refused" in stored.last_error.lower()
    assert "bounce@example.org" in caplog.text
    assert smtp_server.messages == []


def test_a_failed_delivery_is_retried_later_with_back_off(partner, settings):
    from django.core.mail import EmailMessage
    from django_q.models import Schedule

    from notifications.mail import mail_enqueue

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    stored = mail_enqueue(message=EmailMessage("Hello", "Body", to=[partner.email]))
    mail_send(stored.pk)
    stored.refresh_from_db()
    first_wait = stored.next_attempt_at - stored.created_at
    assert stored.status == OutgoingMail.Status.PENDING and stored.attempts == 1
    assert Schedule.objects.filter(func="notifications.tasks.mail_send", args=repr((stored.pk,))).exists()
    assert mail_send(stored.pk) == OutgoingMail.Status.PENDING  # not due yet: not tried
    stored.refresh_from_db()
    assert stored.attempts == 1
    mail_send(stored.pk, now=stored.next_attempt_at)
    stored.refresh_from_db()
    assert stored.attempts == 2 and stored.next_attempt_at - stored.created_at > 2 * first_wait


def test_each_failed_attempt_is_logged_and_the_last_one_marks_the_mail_failed(partner, settings, caplog):
    from django.core.mail import EmailMessage
    from django_q.models import Schedule

    from notifications.mail import mail_enqueue

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    settings.MAIL_MAX_ATTEMPTS = 3
    stored = mail_enqueue(message=EmailMessage("Hello", "Body", to=[partner.email]))
    caplog.set_level("WARNING", logger="notifications.mail")
    for _attempt in range(3):
        stored.refresh_from_db()
        mail_send(stored.pk, now=stored.next_attempt_at)
    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.FAILED and stored.attempts == 3
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(warnings) == 2 and "attempt 1" in warnings[0].getMessage() and partner.email in warnings[0].getMessage()
    assert len(errors) == 1 and "failed for good after 3 attempts" in errors[0].getMessage()
    # Two retries were scheduled, none after the last attempt; a failed mail is not tried again by the sweeper.
    assert Schedule.objects.filter(func="notifications.tasks.mail_send", args=repr((stored.pk,))).count() == 2
    assert mails_send_due(now=stored.next_attempt_at) == 0
    stored.refresh_from_db()
    assert stored.attempts == 3


def test_the_test_mail_command_queues_a_mail(db, capsys):
    call_command("send_test_mail", "ops@example.org")
    assert "Queued as mail" in capsys.readouterr().out
    assert OutgoingMail.objects.get().to == "ops@example.org"


def test_the_scheduler_knows_the_reminders_and_the_mail_sweeper(db):
    from django_q.models import Schedule

    funcs = set(Schedule.objects.values_list("func", flat=True))
    assert {"actionplans.reminders.jobs_run", "notifications.tasks.mails_send_due"} <= funcs


def test_staff_see_the_queue_failed_tasks_and_sent_mails_in_the_admin(admin_client, partner, on_commit):
    from django.core.mail import EmailMessage

    from notifications.mail import mail_enqueue

    stored = mail_enqueue(message=EmailMessage("Hello", "Body", to=[partner.email]))
    OutgoingMail.objects.filter(pk=stored.pk).update(status=OutgoingMail.Status.FAILED, last_error="Timeout")
    for url in [
        "/admin/django_q/ormq/",
        "/admin/django_q/failure/",
        "/admin/django_q/success/",
        "/admin/django_q/schedule/",
        "/admin/notifications/outgoingmail/",
        f"/admin/notifications/outgoingmail/{stored.pk}/change/",
        "/admin/notifications/notification/",
    ]:
        assert admin_client.get(url).status_code == 200, url
    with on_commit():
        response = admin_client.post(
            "/admin/notifications/outgoingmail/",
            {"action": "send_again", "_selected_action": [stored.pk]},
            follow=True,
        )
    assert "1 mail queued again." in response.content.decode()
    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.SENT and mails_to(partner)[0].subject == "Hello"
