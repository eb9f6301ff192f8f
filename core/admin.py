"""The back office's shared pieces: site titles, compact text areas for inlines, titled list filters, and what
keeps the change lists of the large tables fast (``LongListMixin``, ``rows_key``, ``FirstRowsRelatedFilter``)."""

import hashlib
import pickle

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import get_fields_from_path
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connections, models
from django.forms import Textarea
from django.template.response import SimpleTemplateResponse
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core import stamps
from core.admin_site import permissions_key
from core.kept import keep, messages_waiting, reader_key, served

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


class LongListPaginator(Paginator):
    """The admin's paginator, except that the whole of a large table (no filter, no search) is counted from
    PostgreSQL's own estimate (``pg_class.reltuples``, kept by ANALYZE and autovacuum) instead of COUNT(*), which
    reads every row: 500,000 measurements cost more to count than to show a page. ``estimated`` tells the page to
    say "about". Filtered lists, small tables and other databases are counted exactly."""

    estimate_above = 10_000
    estimated = False

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        whole_table = query is not None and not (query.where.children or query.distinct or query.is_sliced)
        counted = self._whole_table_count() if whole_table else None
        if counted is None:
            return super().count
        self.estimated, number = counted
        return number

    def _whole_table_count(self):
        """(estimated, number) in one query on PostgreSQL: the estimate above ``estimate_above`` rows, else COUNT(*)
        (also when never analyzed: reltuples is -1); None on other databases."""
        connection = connections[self.object_list.db]
        if connection.vendor != "postgresql":
            return None
        table = self.object_list.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples > %s, CASE WHEN reltuples > %s THEN reltuples::bigint "  # noqa: S608 (own table)
                f"ELSE (SELECT COUNT(*) FROM {connection.ops.quote_name(table)}) END "
                "FROM pg_class WHERE oid = %s::regclass",
                [self.estimate_above, self.estimate_above, table],
            )
            row = cursor.fetchone()
        return row if row is not None else None


# The stamp of the whole pages of the long lists: the database renews it on any write to a table one of them reads.
PAGES_STAMP = "backoffice_lists"


class LongListMixin:
    """For change lists over tables that grow to hundreds of thousands of rows (put it before ``ModelAdmin``).

    - 50 rows a page: rendering a row through the admin's cell machinery is most of the page's time and weight.
    - No "(N total)": a second COUNT(*) of the whole table for every page; the whole table's own count is
      PostgreSQL's estimate (``LongListPaginator``), so a page costs the same at any size.
    - The row's checkbox written directly: Django renders a form widget through the template engine for each row,
      a third of the page's time; the markup here is the same (name, value, class, aria-label).
    - The whole page kept in the cache for each reader (``page_key``) under a stamp the database renews on every
      write to a table the list reads (``models_read``: its own, those of its joined rows, searches, filters and
      orderings), whatever made the write: a page seen again costs what the session and the stamp cost. A list
      filter class that reads other rows says which (``reads``); one that does not say keeps its list from being
      kept.
    - Drawn again, the rows' table (headers, cells, links) and the filters still come from the cache under what
      they are drawn from (``rows_key``, ``filters_key``) when those did not change: Django's cell machinery costs
      about a millisecond a row.
    """

    keep_rows = True
    list_per_page = 50
    show_full_result_count = False
    paginator = LongListPaginator

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.models_read = models_read(self)
        if self.models_read is not None:
            stamps.renew_in_database(PAGES_STAMP, self.models_read)

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def changelist_view(self, request, extra_context=None):
        key = self.page_key(request) if extra_context is None else None
        if key is None:
            return super().changelist_view(request, extra_context)
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied  # as Django's own view says, before anything is read
        kept = cache.get(key)
        if kept is not None:
            return served(request, kept)
        response = super().changelist_view(request, extra_context)
        if isinstance(response, SimpleTemplateResponse) and response.status_code == 200:
            response.add_post_render_callback(lambda rendered: keep(key, rendered.content))
        return response

    def page_key(self, request):
        """The key this reader's page is kept under, or None to draw it: the address, language, time zone and day,
        the reader's permissions and what the header shows of them, and the stamp of the tables read. Not for a
        page with messages to show (they are shown once), nor on a database without the stamp's triggers."""
        user = request.user
        if (
            request.method != "GET"
            or self.models_read is None
            or permissions_key(user) is None
            or not stamps.renewed_by_database(PAGES_STAMP)
            or messages_waiting(request)
        ):
            return None
        return "backoffice-page:" + reader_key(request, self.opts.label, str(stamps.token(PAGES_STAMP)), frame=False)


def models_read(model_admin):
    """Every model whose rows a change list shows, searches, filters or orders by, or None when a list filter
    class does not say what it reads (``reads``: labels of models)."""
    paths = [name.lstrip("^=@") for name in model_admin.search_fields]
    found = {model_admin.model}
    if model_admin.list_select_related is True:
        found |= _joined_by_select_related(model_admin.model)
    else:
        paths += list(model_admin.list_select_related or ())
    for entry in model_admin.list_filter:
        entry = entry[0] if isinstance(entry, (list, tuple)) else entry
        if isinstance(entry, str):
            paths.append(entry)
        elif getattr(entry, "reads", None) is None:
            return None
        else:
            found |= {apps.get_model(label) for label in entry.reads}
    for column in model_admin.list_display:
        ordering = getattr(
            getattr(model_admin, column, None) if isinstance(column, str) else column, "admin_order_field", None
        )
        if isinstance(ordering, str):
            paths.append(ordering.lstrip("-"))
    for path in paths:
        found |= {field.related_model for field in get_fields_from_path(model_admin.model, path) if field.is_relation}
    return found


def _joined_by_select_related(model, depth=5):
    """What ``select_related()`` without fields joins: every non-null foreign key, and theirs (Django's depth)."""
    joined = set()
    for field in model._meta.fields:
        if field.is_relation and not field.null and depth:
            joined |= {field.related_model} | _joined_by_select_related(field.related_model, depth - 1)
    return joined


def rows_key(cl, request):
    """The key a change list's table of rows is kept under (templates/admin/change_list.html), or None to draw it.

    The table is drawn from the page's rows as read from the database (each row's values and those of the rows
    joined by ``list_select_related``) and from the page's address (filters, order, page, popup), the columns, the
    language, time zone and day, and the reader's permissions. All of them are in the key, the rows as a digest of
    their values: a write shows at the next visit whatever made it (a page, the admin, an import, ``update()``), and
    nothing needs renewing. Only for admins with ``keep_rows`` (``LongListMixin``), whose columns are the row's own
    values or computed from the rows read with it (a column that reads anything else must not be kept), and not
    for editable lists (their form is drawn with the rows).
    """
    if not getattr(cl.model_admin, "keep_rows", False) or cl.formset is not None:
        return None
    try:
        values = [_row_values(row) for row in cl.result_list]
    except _NotDigested:
        return None
    columns = [getattr(column, "__name__", column) for column in cl.list_display]
    links = [getattr(column, "__name__", column) for column in cl.list_display_links or ()]
    return _page_key(cl.opts, request, "rows", columns, links, values)


def filters_key(cl, request):
    """The key a change list's filters are kept under, or None to draw them: the page's address (what is chosen),
    the language and day, and the choices the filters read from the database this time (the years of the plans,
    the latest trainings). Not with counts shown (facets): they are the data itself."""
    if not getattr(cl.model_admin, "keep_rows", False) or cl.add_facets:
        return None
    listed = []
    for spec in cl.filter_specs:
        choices = getattr(spec, "lookup_choices", ())
        if not isinstance(choices, (list, tuple)):
            return None  # a queryset (every distinct value), read while drawing
        choices = [str(choice) if isinstance(choice, str) else tuple(map(str, choice)) for choice in choices]
        listed.append((type(spec).__qualname__, str(spec.title), choices))
    return _page_key(cl.opts, request, "filters", listed)


def _page_key(opts, request, part, *drawn_from):
    """What every part of a change list is drawn from, with ``drawn_from`` as a digest."""
    digest = hashlib.blake2b(pickle.dumps(drawn_from, protocol=5), digest_size=16).hexdigest()
    return repr(
        (
            part,
            opts.label,
            request.get_full_path(),
            get_script_prefix(),
            get_language(),
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            permissions_key(request.user),
            digest,
        )
    )


class _NotDigested(Exception):
    pass


def _row_values(row):
    """A row's values as read, then those of the rows read with it (in the order of ``list_select_related``)."""
    if "_prefetched_objects_cache" in row.__dict__:
        raise _NotDigested  # lists of other rows: not worth digesting, and pickling a queryset would run it
    values = [value for name, value in row.__dict__.items() if name != "_state"]
    values += [None if other is None else _row_values(other) for other in row._state.fields_cache.values()]
    return values


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
        chosen = [value for value in self.lookup_val or () if value.isdecimal() and value not in shown]
        if chosen:
            rows += list(related.filter(pk__in=chosen))
        return [(row.pk, str(row)) for row in rows]
