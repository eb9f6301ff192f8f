from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import kinds


class Delivery(models.TextChoices):
    EVERY_EVENT = "event", _("A mail for every event")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No mail (only in the app)")


class DeliverySetting(models.Model):
    """How a person wants to hear of events by mail; without a row, every event is mailed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_setting", verbose_name=_("user")
    )
    delivery = models.CharField(
        _("e-mail notifications"), max_length=10, choices=Delivery.choices, default=Delivery.EVERY_EVENT
    )

    class Meta:
        verbose_name = _("delivery setting")
        verbose_name_plural = _("delivery settings")

    def __str__(self):
        return f"{self.user} · {self.get_delivery_display()}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own notifications: nobody reads anyone else's, coordinators included."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        """Notifications not opened yet."""
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One event for one person: shown under the bell, mailed according to their delivery setting."""

    class Mail(models.TextChoices):
        QUEUED = "queued", _("Mailed")
        DIGEST = "digest", _("Waiting for the digest")
        IN_DIGEST = "in_digest", _("Sent in a digest")
        NOT_MAILED = "not_mailed", _("Not mailed (person's choice)")
        UNREACHABLE = "unreachable", _("No valid e-mail address")
        STOPPED = "stopped", _("Not mailed (no longer involved)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("event"), max_length=40, db_index=True)
    params = models.JSONField(_("details"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500)
    # Digests group by these: the organization and the plan (or report) concerned, as plain text.
    group = models.CharField(_("organization"), max_length=255, blank=True)
    topic = models.CharField(_("concerning"), max_length=255, blank=True)
    # The organization concerned: someone no longer a member (and not a coordinator) is mailed nothing more.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    # One per event and person: the same event notified twice (a job run again, a retry) is a no-op.
    key = models.CharField(_("idempotency key"), max_length=200)
    mail = models.CharField(_("mail"), max_length=12, choices=Mail.choices, default=Mail.NOT_MAILED)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_person")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.recipient} · {self.kind} · {self.key}"

    @property
    def message(self):
        return kinds.message(self.kind, self.params)

    @property
    def is_read(self):
        return self.read_at is not None


class OutgoingMail(models.Model):
    """A mail on its way: stored in the request's transaction, sent by the worker, kept as a record.

    ``key`` makes a mail unique per event and person (or digest and day): enqueueing it again does nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True, null=True, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    # The event a notification mail tells of (none for account mails and digests): the worker sends it only while
    # the person is still involved in the event's organization.
    notification = models.ForeignKey(
        "Notification",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notification"),
    )
    to = models.TextField(_("to"))  # comma-separated, as the message had them
    subject = models.CharField(_("subject"), max_length=500)
    # The whole message (addresses, headers, text and HTML parts, attachments): notifications.mail.serialize().
    message = models.JSONField(_("message"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoingmail_due")]

    def __str__(self):
        return f"{self.subject} → {self.to}"
