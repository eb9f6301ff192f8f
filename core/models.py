"""Stamps: the keys of data cached across requests (core.stamps). The only model in core, and it knows no domain:
each app names its stamp and the models whose writes renew it."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stamp(models.Model):
    """One row per cached view of the data. Its token changes, in the same transaction, whenever a row that view
    shows is saved or deleted; cached work is kept under the token, so a new token is a miss in every process."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    token = models.UUIDField(_("token"), default=uuid.uuid4)

    class Meta:
        verbose_name = _("cache stamp")
        verbose_name_plural = _("cache stamps")

    def __str__(self):
        return f"{self.name}: {self.token}"
