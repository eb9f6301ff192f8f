"""The stamp that keys the dashboard's cached figures (dashboard.services)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class FiguresStamp(models.Model):
    """One row whose token changes, in the same transaction, whenever a row the dashboard counts is saved or
    deleted; cached figures are kept under the token, so a new token is a cache miss in every process."""

    token = models.UUIDField(_("token"), default=uuid.uuid4)

    class Meta:
        verbose_name = _("dashboard figures stamp")
        verbose_name_plural = _("dashboard figures stamps")

    def __str__(self):
        return str(self.token)
