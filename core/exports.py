"""The back office's own export layer on top of django-import-export.

Everything a staff member downloads goes through ``BackOfficeResource`` and the formats below, so that:

- columns carry what a person reads: verbose names as headers, organization names instead of ids,
  choice labels instead of stored values, "yes"/"no", ISO dates;
- no cell can be evaluated by a spreadsheet (formula injection): in CSV a text value starting with
  ``= + - @``, a tab or a carriage return gets a leading ``'``; in XLSX every text is written as a typed
  string cell, exactly as typed (as pretix's ``safe_openpyxl`` does), with the control characters XLSX
  cannot hold removed; JSON carries the text as it is. The library's own
  ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only strips ``=`` and turns numbers into text, so it is off;
- export querysets follow their foreign keys with ``select_related`` (no query per row).

The same resources read imports back (see ``organizations/imports.py``): labels and values are both
accepted for choices, and headers may be given as the column name or the model field name.
"""

import csv
import datetime
import io
import json
import operator
import re
import tempfile
from decimal import Decimal, InvalidOperation

import openpyxl
from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import models
from django.db.models import F
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.formats import sanitize_separators
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm
from import_export.signals import post_export
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.db import on_replica

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix a text that a spreadsheet would evaluate with ``'`` so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo ``escape_formula`` on import, so an exported file re-imports to the same values."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def _normalize(text):
    return " ".join(str(text).split()).casefold()


def _in_every_language(lazy_text):
    """The text in English and in every configured language (for matching what people type)."""
    texts = {str(lazy_text)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(str(lazy_text))
    return texts


# --- Widgets --------------------------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text: trimmed on import, and a formula-escaped cell (``'=...``) comes back without its ``'``."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet cell "12" read as 12.0
        if isinstance(value, datetime.datetime | datetime.date):
            value = value.isoformat()
        return unescape_formula(str(value).strip())


class ChoicesWidget(widgets.Widget):
    """Exports the label ("State body"); imports the label in any language or the stored value."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        self._lookup = None
        self._labels = None
        super().__init__(**kwargs)

    def lookup(self):
        if self._lookup is None:
            self._lookup = {}
            for value, label in self.choices:
                self._lookup[_normalize(value)] = value
                for text in _in_every_language(label):
                    self._lookup.setdefault(_normalize(text), value)
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return ""
        found = self.lookup().get(_normalize(value))
        if found is None:
            labels = ", ".join(str(label) for _value, label in self.choices)
            raise ValueError(gettext("“%(value)s” is not one of: %(labels)s.") % {"value": value, "labels": labels})
        return found

    def render(self, value, obj=None, **kwargs):
        # The labels in the current language, worked out once per language rather than translated for each row.
        language = translation.get_language()
        if self._labels is None or self._labels[0] != language:
            self._labels = (language, {key: str(label) for key, label in self.choices})
        label = self._labels[1].get(value)
        return label if label is not None else str(value or "")


class YesNoWidget(widgets.Widget):
    """Exports "yes"/"no"; imports yes/no, true/false, 1/0 and Russian and Kyrgyz yes/no."""

    TRUE = {"yes", "y", "true", "1", "да", "ооба", "x", "✓"}  # noqa: RUF001 (Cyrillic on purpose)
    FALSE = {"no", "n", "false", "0", "нет", "жок"}

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, bool):
            return value
        text = _normalize(value)
        if text.endswith(".0"):
            text = text[:-2]
        if not hasattr(self, "_words"):
            self._words = (
                self.TRUE | {_normalize(word) for word in _in_every_language(_("yes"))},
                self.FALSE | {_normalize(word) for word in _in_every_language(_("no"))},
            )
        if text in self._words[0]:
            return True
        if text in self._words[1]:
            return False
        raise ValueError(gettext("“%(value)s” is not yes or no.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return gettext("yes") if value else gettext("no")


class PlainNumberRenderMixin:
    """Numbers in CSV as 1234.5 whatever the language of the page: files are read by programs too.

    (The library localizes them, which is also slow: it dominated the import preview of 10,000 rows.)
    """

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type") or not self.coerce_to_string:
            return value
        return "" if value is None else str(value)


class WholeNumberWidget(PlainNumberRenderMixin, widgets.IntegerWidget):
    """A count: a clear message instead of a decimal-module exception for "abc" or "2.5"."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(str(sanitize_separators(value)).strip())
        except (ValueError, InvalidOperation, TypeError):
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(gettext("“%(value)s” is not a whole number.") % {"value": value})
        return int(number)


class DecimalNumberWidget(PlainNumberRenderMixin, widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, InvalidOperation, TypeError):
            raise ValueError(gettext("“%(value)s” is not a number.") % {"value": value}) from None


class IsoDateWidget(widgets.DateWidget):
    """Exports ISO dates (native dates in XLSX); imports ISO, 31.12.2021 and 31/12/2021 and spreadsheet dates."""

    INPUT_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for fmt in self.INPUT_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(gettext("“%(value)s” is not a date (use 2021-11-25 or 25.11.2021).") % {"value": value})


class RelatedNameWidget(widgets.Widget):
    """Exports a related object as the text people know it by (its ``str``); export only."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NameForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key given by name (case and spacing ignored), looked up once per import, not once per row."""

    def __init__(self, model, field="name", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self._by_name = None

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if self._by_name is None:
            self._by_name = {_normalize(getattr(obj, self.field)): obj for obj in self.model.objects.all()}
        found = self._by_name.get(_normalize(unescape_formula(str(value))))
        if found is None:
            raise ValueError(
                gettext("There is no %(model)s named “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": value}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.field)


# --- Resources ------------------------------------------------------------------------------------------


class BackOfficeResource(resources.ModelResource):
    """Base of every back-office resource: readable columns, formula-safe cells, no per-row queries.

    Subclasses list ``Meta.fields`` (model fields get readable widgets automatically), declare related
    columns as ``Field(attribute="a__b", column_name=_("..."), readonly=True)`` and name the relations to
    follow in ``export_select_related``.
    """

    export_select_related = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Headers in the language of the request that builds this resource (lazy texts are resolved now).
        for field in self.fields.values():
            if field.column_name is not None:
                field.column_name = str(field.column_name)

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = capfirst(django_field.verbose_name)
        if django_field.choices:
            field.widget = ChoicesWidget(django_field.flatchoices)
        elif isinstance(django_field, models.BooleanField):
            field.widget = YesNoWidget()
        elif isinstance(django_field, models.ForeignKey):
            field.attribute = field_name
            field.widget = RelatedNameWidget()
            field.readonly = True
        elif isinstance(django_field, models.DateField) and not isinstance(django_field, models.DateTimeField):
            field.widget = IsoDateWidget()
        elif isinstance(django_field, models.IntegerField):
            field.widget = WholeNumberWidget()
        elif isinstance(django_field, models.DecimalField):
            field.widget = DecimalNumberWidget()
        elif isinstance(django_field, models.CharField | models.TextField):
            field.widget = TextWidget()
        return field

    # The sheet's name in an exported workbook; by default the model's plural name ("Actions").
    sheet_title = None

    def export(self, *args, **kwargs):
        dataset = super().export(*args, **kwargs)
        dataset.title = self.sheet_name()
        return dataset

    def sheet_name(self):
        """The sheet title: what the file holds, at most 31 characters and none of []:*?/\\ (Excel's rules)."""
        title = str(self.sheet_title or capfirst(self._meta.model._meta.verbose_name_plural))
        return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31]

    def filter_export(self, queryset, **kwargs):
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset

    def get_chunk_size(self):
        # Rows fetched per round trip while streaming (the library's default of 100 costs a round trip per 100).
        return settings.EXPORT_CHUNK_SIZE

    def iter_export_rows(self, queryset, export_fields=None, *, native=False, **kwargs):
        """The rows of ``export()`` one at a time, header first: memory stays flat whatever the row count.

        The same cells as ``export()`` (``native``: numbers and dates as they are, for XLSX and JSON; else text,
        formula-escaped, for CSV), but each column's way to its value is worked out once, not once per row.
        """
        self.before_export(queryset, **kwargs)
        queryset = self.filter_export(queryset, **kwargs)
        fields = self.get_export_fields(export_fields)
        yield [force_str(field.column_name) for field in fields]
        queryset, columns = self._read_related_as_columns(queryset, fields)
        queryset = self._only_what_is_read(queryset, fields, columns)
        cells = [self._cell_getter(field, native=native, column=columns.get(field)) for field in fields]
        for instance in self.iter_queryset(queryset):
            yield [cell(instance) for cell in cells]

    # Relations the resource's ``dehydrate_<name>`` methods follow. None (unknown): every relation in
    # ``export_select_related`` is loaded whole, as ``export()`` does. A tuple (even empty): a column that follows a
    # relation to a plain field is read as that one database column instead, and only these relations are loaded
    # as objects; building four model objects per row was three quarters of an export's time.
    dehydrate_related = None

    def _read_related_as_columns(self, queryset, fields):
        """The queryset annotated with each related column (``a__b__name``), and {field: annotation name}."""
        if self.dehydrate_related is None:
            return queryset, {}
        columns, model = {}, queryset.model
        for field in fields:
            if self._has_dehydrate(field) or not field.attribute or "__" not in field.attribute:
                continue
            if _ends_in_plain_field(model, field.attribute):
                columns[field] = f"export_column_{len(columns)}"
        queryset = queryset.select_related(None)
        if self.dehydrate_related:
            queryset = queryset.select_related(*self.dehydrate_related)
        return queryset.annotate(**{name: F(field.attribute) for field, name in columns.items()}), columns

    # The model fields the resource's ``dehydrate_<name>`` methods read. None (unknown): they get model objects. A
    # tuple (even empty), with ``dehydrate_related`` declared too: rows are read as named tuples of the export's
    # own columns, these fields and the queryset's annotations, so those methods read attributes only, never a
    # model method (building a model object per row was a third of an export's time).
    dehydrate_fields = None

    def _only_what_is_read(self, queryset, fields, columns):
        """The rows as named tuples of what the export reads, when the resource allows it (see above)."""
        if self.dehydrate_related != () or (
            self.dehydrate_fields is None and any(self._has_dehydrate(field) for field in fields)
        ):
            return queryset
        names = set(self.dehydrate_fields or ())
        for field in fields:
            if self._has_dehydrate(field) or not field.attribute or field in columns:
                continue  # computed, or read as an annotated column
            try:
                model_field = queryset.model._meta.get_field(field.attribute)
            except FieldDoesNotExist:
                return queryset  # a property or a method of the object
            if model_field.is_relation:
                return queryset
            names.add(field.attribute)
        annotations = [name for name in queryset.query.annotations if name not in names]
        return queryset.values_list(*sorted(names), *annotations, named=True)

    def _has_dehydrate(self, field):
        dehydrate = field.get_dehydrate_method(self.get_field_name(field))
        return callable(dehydrate) or hasattr(self, dehydrate)

    def _cell_getter(self, field, *, native, column=None):
        """A function from a row's object to its cell, as ``export_field`` would give it."""
        widget = field.widget
        if isinstance(widget, YesNoWidget):
            value_of = _value_getter(field, column)
            return lambda instance: widget.render(value_of(instance))
        dehydrate = field.get_dehydrate_method(self.get_field_name(field))
        method = dehydrate if callable(dehydrate) else getattr(self, dehydrate, None)
        if method is not None:
            get = method
        elif isinstance(widget, ChoicesWidget):
            # Labels translated (and, for CSV, formula-escaped) once per export.
            escape = escape_formula if not native else str
            labels = {key: escape(str(label)) for key, label in widget.choices}
            value_of = _value_getter(field, column)

            def choice(instance):
                value = value_of(instance)
                label = labels.get(value)
                return label if label is not None else escape(str(value or ""))

            return choice

        elif type(widget) in (TextWidget, widgets.CharWidget) and widget.coerce_to_string:
            # The commonest cell, in one step: CharWidget.render's text, formula-escaped for CSV.
            value_of = _value_getter(field, column)

            def text(instance):
                value = value_of(instance)
                if value is None:
                    return ""
                if type(value) is not str:
                    value = force_str(value)
                return "'" + value if not native and value.startswith(FORMULA_TRIGGERS) else value

            return text

        elif type(widget) in (WholeNumberWidget, DecimalNumberWidget):
            value_of = _value_getter(field, column)
            if native or not widget.coerce_to_string:
                return value_of
            return lambda instance: "" if (value := value_of(instance)) is None else str(value)

        elif isinstance(widget, IsoDateWidget) and not native:
            render, value_of = widget.render, _value_getter(field, column)

            def iso_date(instance):  # "2021-11-25" or "": nothing a spreadsheet evaluates
                value = value_of(instance)
                return value.isoformat() if type(value) is datetime.date else render(value)

            return iso_date

        else:
            render_kwargs = {"force_native_type": True} if native else {}
            render, value_of = widget.render, _value_getter(field, column)

            def get(instance):
                return render(value_of(instance), **render_kwargs)

        if native or isinstance(widget, widgets.NumberWidget):
            return get
        return lambda instance: escape_formula(get(instance))

    def export_field(self, field, instance, **kwargs):
        if isinstance(field.widget, YesNoWidget):
            # Words in the export's language in every format (XLSX would otherwise write TRUE/FALSE or 1/0).
            return field.widget.render(field.get_value(instance))
        value = super().export_field(field, instance, **kwargs)
        if kwargs.get("force_native_type"):
            return value  # XLSX writes typed cells (XLSXExport) and JSON is not evaluated: the text as typed
        if isinstance(field.widget, widgets.NumberWidget):
            return value  # a number rendered as text in CSV ("-3") is not a formula
        return escape_formula(value)

    # --- import helpers (used by importable subclasses) ---

    def get_instance(self, instance_loader, row):
        # A natural key that does not resolve (unknown organization, bad date) is a new row here; the
        # same value then fails in import_instance(), where it becomes a message beside its column.
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ObjectDoesNotExist, ValidationError):
            return None

    def column_for(self, key):
        for name, field in self.fields.items():
            if key in (name, field.attribute):
                return field.column_name
        return key

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            # Messages are shown under the file's column names, not the model's attribute names.
            raise ValidationError(
                {
                    (key if key == NON_FIELD_ERRORS else self.column_for(key)): messages
                    for key, messages in error.message_dict.items()
                }
            ) from error


def _ends_in_plain_field(model, path):
    """Whether ``a__b__c`` leads from ``model`` through foreign keys to a plain (non-relation) field."""
    parts = path.split("__")
    try:
        for part in parts[:-1]:
            related = model._meta.get_field(part)
            if not (related.many_to_one or related.one_to_one) or related.related_model is None:
                return False
            model = related.related_model
        return not model._meta.get_field(parts[-1]).is_relation
    except FieldDoesNotExist:
        return False


def _value_getter(field, column=None):
    """``field.get_value`` without splitting its path for every row (None part-way along gives None)."""
    if column is not None:
        return operator.attrgetter(column)
    if field.attribute is None:
        return field.get_value
    getter = operator.attrgetter(field.attribute.replace("__", "."))

    def value_of(instance):
        try:
            value = getter(instance)
        except (AttributeError, ObjectDoesNotExist):
            return field.get_value(instance)  # a missing relation part-way: the library's own answer (None)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
        return value

    return value_of


def related(attribute, column_name, widget=None):
    """A read-only column that follows a relation (remember to add it to ``export_select_related``)."""
    return fields.Field(attribute=attribute, column_name=column_name, readonly=True, widget=widget or TextWidget())


def computed(column_name, widget=None):
    """A read-only column filled by the resource's ``dehydrate_<name>`` method."""
    return fields.Field(column_name=column_name, readonly=True, widget=widget or widgets.Widget())


# --- Formats --------------------------------------------------------------------------------------------


class CSVExport(base_formats.CSV):
    """CSV in UTF-8 with a byte-order mark, so Excel opens Cyrillic text correctly."""

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + dataset.export("csv", **kwargs)


class _Echo:
    def write(self, value):
        return value


def stream_csv(rows):
    """Encoded CSV lines (BOM first) for a StreamingHttpResponse: memory stays flat whatever the row count."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    for row in rows:
        yield writer.writerow(["" if cell is None else cell for cell in row]).encode()


class XLSXExport(base_formats.XLSX):
    """XLSX with every text kept as text (never a formula) and without characters XLSX cannot hold.

    openpyxl makes any text starting with ``=`` a formula, and refuses control characters such as ``\\x0b``
    (one such character in any name would fail the whole export). Written in write-only mode: constant memory.
    """

    def export_data(self, dataset, **kwargs):
        out = io.BytesIO()
        write_xlsx([dataset.headers or [], *dataset], out, title=dataset.title)
        return out.getvalue()


def write_csv(rows, out):
    """CSV in UTF-8 with a byte-order mark into the binary file ``out``, a row at a time; the rows written."""
    out.write("\ufeff".encode())
    writer = csv.writer(_Echo())
    count, lines = -1, []
    for row in rows:
        lines.append(writer.writerow(["" if cell is None else cell for cell in row]))
        count += 1
        if len(lines) >= 1000:
            out.write("".join(lines).encode())
            lines = []
    out.write("".join(lines).encode())
    return max(count, 0)


def write_xlsx(rows, out, *, title=None):
    """A one-sheet workbook in openpyxl's write-only mode (rows go straight to a temporary file): the rows written."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "Export")[:31])
    count = -1
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    workbook.save(out)
    return max(count, 0)


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value  # openpyxl writes any other text as a string cell
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # as typed, never a formula
    return cell


def write_json(rows, out):
    """A JSON list of objects keyed by the header (as tablib writes it), a row at a time: the rows written."""
    from tablib.formats._json import serialize_objects_handler

    rows = iter(rows)
    headers = next(rows, [])
    out.write(b"[")
    count = 0
    for row in rows:
        if count:
            out.write(b", ")
        text = json.dumps(dict(zip(headers, row, strict=False)), default=serialize_objects_handler, ensure_ascii=False)
        out.write(text.encode())
        count += 1
    out.write(b"]")
    return count


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "json": write_json}
EXPORT_FORMATS = [CSVExport, XLSXExport, base_formats.JSON]
EXPORT_FORMATS_BY_NAME = {"csv": CSVExport, "xlsx": XLSXExport, "json": base_formats.JSON}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def export_rows(*, resource, queryset, file_format, export_fields=None):
    """The header and the rows of an export (an iterator for a ``BackOfficeResource``), and the sheet's title.

    A resource that is not a ``BackOfficeResource`` (a report that builds its own rows) gives its dataset.
    """
    native = file_format != "csv"
    if isinstance(resource, BackOfficeResource):
        return resource.iter_export_rows(queryset, export_fields, native=native), resource.sheet_name()
    dataset = resource.export(queryset=queryset, force_native_type=native)
    return [dataset.headers or [], *dataset], dataset.title


def export_write(*, resource, queryset, file_format, out, export_fields=None):
    """Export a queryset through a resource into the binary file ``out`` as csv, xlsx or json: the rows written.

    Rows are read in chunks (``.iterator()``) and written as they come, so memory stays flat at any row count.
    """
    rows, title = export_rows(
        resource=resource, queryset=queryset, file_format=file_format, export_fields=export_fields
    )
    if file_format == "xlsx":
        return write_xlsx(rows, out, title=title)
    return WRITERS[file_format](rows, out)


def export_bytes(*, resource, queryset, file_format):
    """Export a queryset through a resource to the bytes of a file in ``file_format`` (csv, xlsx, json)."""
    out = io.BytesIO()
    export_write(resource=resource, queryset=queryset, file_format=file_format, out=out)
    return out.getvalue()


def export_spooled(*, resource, queryset, file_format, export_fields=None):
    """The export in a temporary file (in memory while small, on disk beyond 10 MB), rewound for reading."""
    out = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    export_write(resource=resource, queryset=queryset, file_format=file_format, out=out, export_fields=export_fields)
    out.seek(0)
    return out


class BackOfficeExportForm(SelectableFieldsExportForm):
    """The library's export form with the columns labelled as in the file, and Excel chosen by default."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        if XLSXExport in formats:
            self.fields["format"].initial = str(formats.index(XLSXExport))

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return capfirst(field.column_name) if field is not None else super()._get_field_label(resource, field_name)


class BackOfficeExportMixin(ExportMixin):
    """Admin export: needs the model's ``export_<model>`` permission (settings), offers CSV, XLSX, JSON."""

    export_formats = EXPORT_FORMATS
    export_form_class = BackOfficeExportForm
    export_template_name = "admin/backoffice/export.html"

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        export_form = kwargs.get("export_form")
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request, export_form=export_form)
        )
        out = io.BytesIO()
        export_write(
            resource=resource,
            queryset=queryset,
            file_format=_format_name(file_format),
            out=out,
            export_fields=self.get_export_resource_fields_from_form(export_form),
        )
        return out.getvalue()

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """Small exports answer at once (CSV streamed, XLSX and JSON from a temporary file); large ones go to
        the task queue and the person is told when the file is ready (no request holds a worker for minutes)."""
        # Exports read every row of the list: from the replica when there is one (core/db.py), also while streaming.
        queryset = on_replica(queryset)
        if not self.has_export_permission(request):
            raise PermissionDenied
        name = _format_name(file_format)
        export_fields = self.get_export_resource_fields_from_form(export_form)
        filename = self.get_export_filename(request, queryset, file_format)
        if _background_start is not None and queryset.count() > settings.EXPORT_BACKGROUND_ROWS:
            items = export_form.cleaned_data.get("export_items") if export_form is not None else None
            spec = {
                "source": "admin",
                "model": self.model._meta.label,
                "resource": self.get_resource_index(export_form) if export_form is not None else 0,
                "query": request.GET.urlencode(),
                "items": [str(pk) for pk in items] if items and "export_items" in export_form.changed_data else None,
                "fields": list(export_fields) if export_fields else None,
                "format": name,
            }
            title = str(getattr(self.choose_export_resource_class(export_form, request), "sheet_title", None)
                        or capfirst(self.model._meta.verbose_name_plural))  # fmt: skip
            return _background_start(request=request, title=title, filename=filename, spec=spec)
        resource_class = self.choose_export_resource_class(export_form, request)
        resource = resource_class(**self.get_export_resource_kwargs(request, export_form=export_form))
        if name == "csv":
            rows = resource.iter_export_rows(queryset, export_fields=export_fields, export_form=export_form)
            response = StreamingHttpResponse(stream_csv(rows), content_type=CONTENT_TYPES["csv"])
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            data = export_spooled(resource=resource, queryset=queryset, file_format=name, export_fields=export_fields)
            response = FileResponse(data, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[name])
        post_export.send(sender=None, model=self.model)
        return response

    def get_export_filename(self, request, queryset, file_format):
        # "action-plan-progress-2026-11-28.xlsx" for a report, "Action-2026-11-28.csv" for a plain export.
        try:
            resource_class = self.get_export_resource_classes(request)[int(request.POST.get("resource") or 0)]
        except (ValueError, IndexError):
            resource_class = None
        stem = getattr(resource_class, "report_name", None)
        if not stem:
            return super().get_export_filename(request, queryset, file_format)
        return f"{stem}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"


def _format_name(file_format):
    return next(name for name, cls in EXPORT_FORMATS_BY_NAME.items() if isinstance(file_format, cls))


# --- background exports ----------------------------------------------------------------------------------------
# The app that keeps exported files (``exports``) sits above every app whose admin exports: it registers here how
# a large export is handed to the task queue, and this layer calls it without importing upward.

_background_start = None


def background_exports_register(start):
    """``start(request=, title=, filename=, spec=)`` queues an export and returns the response to show."""
    global _background_start  # one registration at start-up, like notification kinds
    _background_start = start


def background_start(*, request, title, filename, spec):
    """Queue an export through the registered handler; None when none is registered (then export at once)."""
    if _background_start is None:
        return None
    return _background_start(request=request, title=title, filename=filename, spec=spec)


def admin_export_write(*, spec, user, out):
    """Run an admin export queued by ``BackOfficeExportMixin`` for ``user`` into ``out``: the rows written.

    The change list's queryset is built again from its query string, as the person sees it now, and the export
    permission is checked again (it may have been withdrawn meanwhile): PermissionDenied then.
    """
    from django.apps import apps
    from django.contrib import admin
    from django.http import HttpRequest, QueryDict

    model = apps.get_model(spec["model"])
    model_admin = admin.site._registry[model]
    request = HttpRequest()
    request.method, request.GET, request.user = "GET", QueryDict(spec.get("query") or ""), user
    if not (user.is_active and user.is_staff and model_admin.has_export_permission(request)):
        raise PermissionDenied
    queryset = model_admin.get_export_queryset(request)
    if spec.get("items") is not None:
        queryset = queryset.filter(pk__in=spec["items"])
    resource_class = model_admin.get_export_resource_classes(request)[spec.get("resource") or 0]
    resource = resource_class(**model_admin.get_export_resource_kwargs(request))
    return export_write(
        resource=resource,
        queryset=on_replica(queryset),  # as the export asked for on the page: every row, from the replica
        file_format=spec["format"],
        out=out,
        export_fields=spec.get("fields"),
    )
