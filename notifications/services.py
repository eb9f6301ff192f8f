"""Telling people: notify() creates each person's notification once and mails it as they chose; digests."""

import logging
from collections import OrderedDict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications import kinds
from notifications.mail import address_ok, mail_enqueue
from notifications.models import Delivery, DeliverySetting, Notification
from notifications.selectors import still_involved

logger = logging.getLogger("notifications")


def delivery_of(user):
    """The person's choice of mail; every event when they never chose."""
    setting = DeliverySetting.objects.filter(user=user).first()
    return setting.delivery if setting else Delivery.EVERY_EVENT


def delivery_set(*, user, delivery):
    """Save how the person wants to hear of events by mail.

    Events already collected for a digest are not lost by a change of mind: they go out in the next daily digest
    (see ``digest_send``), unless the person now wants no mail at all.
    """
    DeliverySetting.objects.update_or_create(user=user, defaults={"delivery": delivery})
    if delivery == Delivery.NONE:
        Notification.objects.filter(recipient=user, mail=Notification.Mail.DIGEST).update(
            mail=Notification.Mail.NOT_MAILED
        )


def language_of(user):
    """The language a person reads mails in: their profile's, else the site's default."""
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def notify(*, recipients, kind, key, link, params=None, group="", topic="", organization=None):
    """Tell each recipient of an event once: a notification in the app, and mail as they chose.

    ``key`` names the event (e.g. ``plan-submitted:12:v4``); with the person it is unique, so calling notify()
    again for the same event (a job run twice) notifies and mails nobody twice. Returns the new notifications.
    """
    assert kinds.get(kind), f"unknown notification kind {kind!r}"
    created = []
    for user in {user.pk: user for user in recipients}.values():
        if not user.is_active:
            continue
        with transaction.atomic():
            notification, new = Notification.objects.get_or_create(
                recipient=user,
                key=key,
                defaults={
                    "kind": kind,
                    "params": params or {},
                    "link": link,
                    "group": group[:255],
                    "topic": topic[:255],
                    "organization": organization,
                },
            )
            if not new:
                continue
            notification.mail = _mail_now_or_later(notification)
            notification.save(update_fields=["mail"])
        created.append(notification)
    return created


def _mail_now_or_later(notification):
    user = notification.recipient
    if not address_ok(user.email):
        return Notification.Mail.UNREACHABLE
    delivery = delivery_of(user)
    if delivery == Delivery.NONE:
        return Notification.Mail.NOT_MAILED
    if delivery in (Delivery.DAILY, Delivery.WEEKLY):
        return Notification.Mail.DIGEST
    with translation.override(language_of(user)):
        kind = kinds.get(notification.kind)
        subject = kinds.render(kind.subject, notification.params)
        context = {"notification": notification, "message": notification.message, "subject": subject}
        message = _message(user=user, subject=subject, template="notifications/mail/event", context=context)
    mail_enqueue(message=message, key=f"notification:{notification.pk}", recipient=user, notification=notification)
    return Notification.Mail.QUEUED


def _message(*, user, subject, template, context):
    """A mail in the current language: text and HTML, with the links and the settings footer."""
    context = {
        **context,
        "user": user,
        "site_url": settings.SITE_URL,
        "settings_url": settings.SITE_URL + "/notifications/settings/",
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def notifications_read(*, user, pks=None):
    """Mark the person's notifications read (the given ones, or all); returns how many changed."""
    unread = Notification.objects.for_user(user).unread()
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())


def digest_groups(notifications):
    """Notifications grouped by organization, then topic (plan), then kind: one line per kind and topic.

    Returns [(group, [(topic, [(line, link)])])], so a digest never lists one line per database row.
    """
    tree = OrderedDict()
    for notification in sorted(notifications, key=lambda n: (n.group, n.topic, n.kind, n.created_at)):
        tree.setdefault(notification.group, OrderedDict()).setdefault(notification.topic, OrderedDict()).setdefault(
            notification.kind, []
        ).append(notification)
    groups = []
    for group, topics in tree.items():
        topic_rows = []
        for topic, by_kind in topics.items():
            lines = []
            for code, items in by_kind.items():
                kind = kinds.get(code)
                if len(items) == 1 or kind is None:
                    lines.extend((item.message, item.link) for item in items)
                else:
                    lines.append((kinds.render(kind.summary, {**items[0].params, "count": len(items)}), items[0].link))
            topic_rows.append((topic, lines))
        groups.append((group, topic_rows))
    return groups


def digest_send(*, user, frequency, period_key, extra_sections=None):
    """Mail a person their digest: notifications waiting for it, and ``extra_sections`` (e.g. a review summary).

    Once per person and period (``period_key`` like ``2026-12-07``); nothing is mailed when there is nothing
    to say. Returns the OutgoingMail or None.
    """
    delivery = delivery_of(user)
    if not user.is_active or not address_ok(user.email) or delivery == Delivery.NONE:
        return None
    waiting = []
    # A digest reader's own digest; and for someone who switched to every event, what was left waiting for a
    # digest goes in the next daily one.
    if delivery == frequency or (delivery == Delivery.EVERY_EVENT and frequency == Delivery.DAILY):
        waiting = [
            n
            for n in Notification.objects.filter(recipient=user, mail=Notification.Mail.DIGEST)
            if still_involved(user, n.organization_id)
        ]
    if not waiting and not extra_sections:
        return None
    with transaction.atomic(), translation.override(language_of(user)):
        sections = extra_sections(user) if callable(extra_sections) else extra_sections
        if not waiting and not sections:
            return None
        subject = _("Your daily digest") if frequency == Delivery.DAILY else _("Your weekly digest")
        context = {"groups": digest_groups(waiting), "sections": sections or [], "subject": subject}
        message = _message(user=user, subject=subject, template="notifications/mail/digest", context=context)
        mail = mail_enqueue(message=message, key=f"digest:{frequency}:{period_key}:{user.pk}", recipient=user)
        if mail is not None:
            Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(mail=Notification.Mail.IN_DIGEST)
    return mail
