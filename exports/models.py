"""A file someone asked for and the task worker makes: kept EXPORT_KEEP_DAYS days, downloaded by that person only."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """The person's own exports: nobody else's, whatever their role."""
        return self.filter(user=user) if user.is_authenticated else self.none()

    def kept(self, now=None):
        """Exports younger than EXPORT_KEEP_DAYS days (older ones are deleted by the cleanup job)."""
        now = now or timezone.now()
        return self.filter(created_at__gt=now - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS))


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    # Not guessable in a link (the download also checks the person).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("user")
    )
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(_("format"), max_length=10)
    spec = models.JSONField(_("what to export"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True, max_length=300)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="exports_user_created")]

    def __str__(self):
        return f"{self.title} ({self.file_format})"

    def get_absolute_url(self):
        return reverse("exports:download", args=[self.pk])

    @property
    def expires_at(self):
        return self.created_at + datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
