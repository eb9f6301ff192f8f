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
import re
from decimal import Decimal, InvalidOperation

import openpyxl
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
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
        return str(dict(self.choices).get(value, value or ""))


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

    def iter_export_rows(self, queryset, export_fields=None, **kwargs):
        """The rows of ``export()`` one at a time, header first, for a streamed CSV (same cells, same queries)."""
        self.before_export(queryset, **kwargs)
        queryset = self.filter_export(queryset, **kwargs)
        yield self.get_export_headers(selected_fields=export_fields)
        for instance in self.iter_queryset(queryset):
            yield self.export_resource(instance, selected_fields=export_fields, **kwargs)

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
    """XLSX with every text in a typed string cell (never a formula) and without characters XLSX cannot hold.

    openpyxl makes any text starting with ``=`` a formula, and refuses control characters such as ``\\x0b``
    (one such character in any name would fail the whole export). Written in write-only mode: constant memory.
    """

    def export_data(self, dataset, **kwargs):
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(dataset.title or "Export")[:31])
        sheet.append([self._cell(sheet, header) for header in dataset.headers or []])
        for row in dataset:
            sheet.append([self._cell(sheet, value) for value in row])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    @staticmethod
    def _cell(sheet, value):
        if not isinstance(value, str):
            return value
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell


EXPORT_FORMATS = [CSVExport, XLSXExport, base_formats.JSON]
EXPORT_FORMATS_BY_NAME = {"csv": CSVExport, "xlsx": XLSXExport, "json": base_formats.JSON}


def export_bytes(*, resource, queryset, file_format):
    """Export a queryset through a resource to the bytes of a file in ``file_format`` (csv, xlsx, json)."""
    fmt = EXPORT_FORMATS_BY_NAME[file_format]()
    dataset = resource.export(queryset=queryset, force_native_type=not isinstance(fmt, base_formats.CSV))
    data = fmt.export_data(dataset)
    return data if isinstance(data, bytes) else data.encode("utf-8")


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
        # Numbers and dates stay native in XLSX and JSON (the library does this for binary formats only).
        kwargs.pop("encoding", None)
        dataset = self.get_data_for_export(
            request, queryset, force_native_type=not isinstance(file_format, base_formats.CSV), **kwargs
        )
        return file_format.export_data(dataset)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        # Exports read every row of the list: from the replica when there is one (core/db.py), also while streaming.
        queryset = on_replica(queryset)
        if not isinstance(file_format, CSVExport):
            return super()._do_file_export(file_format, request, queryset, export_form=export_form)
        # CSV is streamed row by row (XLSX and JSON are built whole by their libraries).
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.choose_export_resource_class(export_form, request)
        resource = resource_class(**self.get_export_resource_kwargs(request, export_form=export_form))
        rows = resource.iter_export_rows(
            queryset, export_fields=self.get_export_resource_fields_from_form(export_form), export_form=export_form
        )
        response = StreamingHttpResponse(stream_csv(rows), content_type=file_format.get_content_type())
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_export_filename(request, queryset, file_format)}"'
        )
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
