"""The back office's shared pieces: site titles, compact text areas for inlines, titled list filters, and what
keeps the change lists of the large tables fast (``LongListMixin``, ``FirstRowsRelatedFilter``)."""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.forms import Textarea
from django.utils.html import format_html
from django.utils.translation import gettext
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


class LongListMixin:
    """For change lists over tables that grow to hundreds of thousands of rows (put it before ``ModelAdmin``).

    - 50 rows a page: rendering a row through the admin's cell machinery is most of the page's time and weight.
    - No "(N total)": a second COUNT(*) of the whole table for every page.
    - The row's checkbox written directly: Django renders a form widget through the template engine for each row,
      a third of the page's time; the markup here is the same (name, value, class, aria-label).
    """

    list_per_page = 50
    show_full_result_count = False

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


class FirstRowsRelatedFilter(admin.RelatedFieldListFilter):
    """A filter by a related row that lists the first ``limit`` rows in the related admin's order (and the one
    chosen), not every one: with 3,000 trainings the sidebar would be 3,000 links. The others are found with the
    list's search box; a link with the same parameter (``session__id__exact=``) still filters."""

    limit = 15

    def field_choices(self, field, request, model_admin):
        related = field.remote_field.model._default_manager
        ordering = self.field_admin_ordering(field, request, model_admin)
        rows = list((related.order_by(*ordering) if ordering else related.all())[: self.limit])
        shown = {str(row.pk) for row in rows}
        chosen = [value for value in self.lookup_val or () if value.isdigit() and value not in shown]
        if chosen:
            rows += list(related.filter(pk__in=chosen))
        return [(row.pk, str(row)) for row in rows]
