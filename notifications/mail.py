"""Storing mails for the worker and sending them: the queue's side of every mail the app sends."""

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import OutgoingMail
from notifications.selectors import still_involved

logger = logging.getLogger("notifications.mail")

SEND_TASK = "notifications.tasks.mail_send"


def address_ok(address):
    """Whether an address can be mailed at all (empty and malformed ones cannot)."""
    try:
        validate_email(address or "")
    except ValidationError:
        return False
    return True


def serialize(message):
    """An EmailMessage as JSON-safe data, so the worker can build the very same message later."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):  # a MIMEBase part: keep what it renders to
            attachments.append({"mime": attachment.as_string()})
            continue
        filename, content, mimetype = attachment
        if isinstance(content, str):
            attachments.append({"filename": filename, "text": content, "mimetype": mimetype})
        else:
            attachments.append(
                {"filename": filename, "base64": base64.b64encode(content).decode(), "mimetype": mimetype}
            )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def deserialize(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        if "mime" in attachment:
            from email import message_from_string

            message.attach(message_from_string(attachment["mime"]))
        elif "text" in attachment:
            message.attach(attachment["filename"], attachment["text"], attachment["mimetype"])
        else:
            message.attach(attachment["filename"], base64.b64decode(attachment["base64"]), attachment["mimetype"])
    return message


def mail_enqueue(*, message, key=None, recipient=None, notification=None):
    """Store a mail and hand it to the worker once the caller's transaction commits; None if ``key`` was used.

    The row is written in the caller's transaction, so a mail exists exactly when the event that caused it does.
    """
    if not message.recipients():
        return None
    if not message.from_email:
        message.from_email = settings.DEFAULT_FROM_EMAIL
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                key=key,
                recipient=recipient,
                notification=notification,
                to=", ".join(message.recipients())[:2000],
                subject=str(message.subject)[:500],
                message=serialize(message),
            )
    except IntegrityError:
        if key is None:
            raise
        return None  # this event was already mailed to this person
    transaction.on_commit(lambda: _enqueue_send(mail.pk))
    return mail


def _enqueue_send(pk):
    from django_q.tasks import async_task

    async_task(SEND_TASK, pk, task_name=f"mail {pk}", group="mail")


def _backoff(attempts):
    """Seconds before the next try: MAIL_RETRY_SECONDS, doubled after each failure, at most six hours."""
    return min(settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0), 6 * 3600)


def mail_send(pk, *, now=None):
    """Send one stored mail if it is due and nobody else is sending it; returns its status afterwards.

    The claim is a single guarded UPDATE, so two workers (or a retry racing the sweeper) never both send it.
    """
    now = now or timezone.now()
    claimed = OutgoingMail.objects.filter(pk=pk, status=OutgoingMail.Status.PENDING, next_attempt_at__lte=now).update(
        status=OutgoingMail.Status.SENDING, next_attempt_at=now
    )
    mail = OutgoingMail.objects.filter(pk=pk).select_related("recipient", "notification").first()
    if mail is None or not claimed:
        return mail.status if mail else None
    if mail.recipient_id and not mail.recipient.is_active:
        return _finish(mail, OutgoingMail.Status.CANCELLED, error="The recipient's account is deactivated.")
    if mail.notification_id and not still_involved(mail.recipient, mail.notification.organization_id):
        # Removed from the organization (or no longer a coordinator) while the mail waited: they get nothing more.
        return _finish(mail, OutgoingMail.Status.CANCELLED, error="The recipient is no longer involved in it.")
    message = deserialize(mail.message)
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False) as connection:
            connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        # The server refused the address itself: trying again would not help. Logged for the operators.
        logger.warning("Mail %s to %s refused (bounced): %s", mail.pk, mail.to, error.recipients)
        return _finish(mail, OutgoingMail.Status.FAILED, error=f"Recipient refused: {error.recipients}")
    except Exception as error:  # the server is down, times out, refuses us: try again later
        return _retry(mail, error, now)
    return _finish(mail, OutgoingMail.Status.SENT, sent_at=timezone.now())


def _finish(mail, status, *, error="", sent_at=None):
    mail.status = status
    mail.sent_at = sent_at
    if error:
        mail.last_error = error
    mail.save(update_fields=["status", "sent_at", "last_error"])
    return status


def _retry(mail, error, now):
    mail.attempts += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        logger.error("Mail %s to %s failed for good after %s attempts: %s", mail.pk, mail.to, mail.attempts, error)
        mail.status = OutgoingMail.Status.FAILED
    else:
        mail.status = OutgoingMail.Status.PENDING
        mail.next_attempt_at = now + timedelta(seconds=_backoff(mail.attempts))
        logger.warning(
            "Mail %s to %s not sent (attempt %s), trying again at %s: %s",
            mail.pk,
            mail.to,
            mail.attempts,
            mail.next_attempt_at,
            error,
        )
        _schedule_retry(mail)
    mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    return mail.status


def _schedule_retry(mail):
    from django_q.models import Schedule

    Schedule.objects.create(
        name=f"retry mail {mail.pk} #{mail.attempts}",
        func=SEND_TASK,
        args=repr((mail.pk,)),
        schedule_type=Schedule.ONCE,
        next_run=mail.next_attempt_at,
    )


def mails_send_due(*, now=None):
    """Send every waiting mail whose time has come, and free mails a dead worker left half-sent.

    Runs every few minutes from the scheduler: a safety net under the per-mail tasks and their retries.
    """
    now = now or timezone.now()
    OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENDING, next_attempt_at__lt=now - timedelta(minutes=15)
    ).update(status=OutgoingMail.Status.PENDING)
    due = OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING, next_attempt_at__lte=now)
    sent = 0
    for pk in due.order_by("next_attempt_at").values_list("pk", flat=True)[:500]:
        sent += mail_send(pk, now=now) == OutgoingMail.Status.SENT
    return sent


def test_mail_send(*, to):
    """The operators' check that the queue, the worker and the SMTP settings work together."""
    message = EmailMessage(
        subject="Gender action plans: test mail",
        body=f"This test mail went through the task queue and the SMTP server {settings.EMAIL_HOST}:"
        f"{settings.EMAIL_PORT}. If you read it, mail works.",
        to=[to],
    )
    return mail_enqueue(message=message)
