"""The back office's shared pieces: site titles, compact text areas for inlines, titled list filters."""

from django.contrib import admin
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Gender action plans · back office")
admin.site.site_title = _("Back office")
admin.site.index_title = _("Import reference data, export reports")

# Short text areas inside tabular inlines, so a session or an objective fits on a screen.
COMPACT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}


def titled(filter_class, title):
    """A list filter with its own title ("plan status" rather than a second "status")."""

    class TitledFilter(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


def choices_filter(field_path, title):
    return (field_path, titled(admin.ChoicesFieldListFilter, title))
