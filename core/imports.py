"""Safe reading of uploaded spreadsheets for the admin import (django-import-export).

A file is read only when it is what its name says and within limits; otherwise the person sees one
clear sentence beside the file field, nothing is written, and there is no 500:

- at most 5 MB and 10,000 data rows;
- ``.csv``: text in UTF-8 (with or without a byte-order mark) or Windows-1251 (how Russian-language
  Excel saves CSV), separated by commas, semicolons or tabs;
- ``.xlsx``: a real Excel workbook (a zip with a workbook inside), whose unpacked size stays small
  (a "zip bomb" is refused before anything is unpacked);
- the header row must name the resource's columns (by column name or model field name), with the
  required ones present and no unknown ones;
- the natural key (e.g. organization name) must not repeat inside the file.

Rows are then validated by the resource; one invalid row rejects the whole file
(``rollback_on_validation_errors``), and the preview shows line, column and message.

The confirm step is bound to its preview: the previewed file is kept in media storage (which every app
host shares) under a random name, and the confirm form carries only a signed ticket naming that file, the
person and the list. The confirm reads the file once (then removes it), checks it again as the preview did
and imports it; a stale, repeated, forged or someone else's confirm gets one clear message, never a 500.
"""

import csv
import datetime
import io
import zipfile

import filetype
import tablib
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.tmp_storages import MediaStorage
from import_export.widgets import ForeignKeyWidget

from core import stamps
from core.exports import BackOfficeExportMixin, BackOfficeResource, _in_every_language, _normalize

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# A 5 MB workbook of 10,000 rows unpacks to a few tens of MB at most; more means a zip bomb.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_COLUMNS = 60
# Blank rows are skipped, but a sheet that claims a million (formatted, empty) rows is not walked through.
MAX_SCANNED_ROWS = 50_000
# Previewed files wait in media storage (shared by every app host) for their confirm, at most a day.
PREVIEW_FOLDER = "import-previews"
PREVIEW_MAX_AGE = 24 * 60 * 60
PREVIEW_SALT = "core.imports.preview"


class ImportFileError(ValueError):
    """The uploaded file cannot be read as the format it claims; the message is for the person."""


def _check_rows(count):
    if count > MAX_ROWS:
        raise ImportFileError(
            gettext("The file has more than %(max)s rows. Split it into smaller files.") % {"max": f"{MAX_ROWS:,}"}
        )


def _build_dataset(header, rows):
    """A tablib dataset from a header and rows: blank rows and unnamed empty columns dropped."""
    header = ["" if cell is None else str(cell).strip() for cell in header]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    header = header[:width]
    if not any(header):
        raise ImportFileError(gettext("The first row must hold the column names; it is empty."))
    if "" in header:
        raise ImportFileError(
            gettext("Column %(number)s has no name in the first row.") % {"number": header.index("") + 1}
        )
    seen = set()
    for name in header:
        if _normalize(name) in seen:
            raise ImportFileError(gettext("The column “%(name)s” appears twice.") % {"name": name})
        seen.add(_normalize(name))
    dataset = tablib.Dataset(headers=header)
    for line, row in enumerate(rows, start=2):
        row = list(row)
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        if any(cell is not None and str(cell).strip() != "" for cell in row[width:]):
            raise ImportFileError(gettext("Line %(line)s has more cells than there are column names.") % {"line": line})
        row = row[:width] + [""] * (width - len(row))
        dataset.append(row)
        _check_rows(len(dataset))
    return dataset


def _refuse_mixed_encodings(data):
    """A file that is not all UTF-8 but has UTF-8 lines (pasted together from two sources) would be read as
    Windows-1251 and its UTF-8 lines garbled: refuse it, naming the first line that is not UTF-8."""
    lines = data.split(b"\n")
    has_utf8_text = False
    first_odd = None
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            first_odd = first_odd or number
        else:
            has_utf8_text = has_utf8_text or not line.isascii()
    if has_utf8_text and first_odd:
        raise ImportFileError(
            gettext(
                "The file mixes two text encodings: line %(line)s is not UTF-8 while other lines are. "
                "Save the whole file as “CSV UTF-8” and upload it again."
            )
            % {"line": first_odd}
        )


def decode_text(data):
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1251; refuses what is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            gettext("This file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8” or as .xlsx.")
        )
    if b"\x00" in data or filetype.guess(data) is not None:
        raise ImportFileError(gettext("This file is not a CSV text file. Save it as CSV or choose its real format."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse_mixed_encodings(data)
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            raise ImportFileError(
                gettext("The file's text encoding is not UTF-8 or Windows-1251. Save it as “CSV UTF-8”.")
            ) from None
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise ImportFileError(gettext("This file is not a CSV text file. Save it as CSV or choose its real format."))
    return text


class CSVImport(base_formats.CSV):
    """CSV read from bytes, so the encoding can be detected (the library would insist on UTF-8)."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if len(in_stream) > MAX_FILE_BYTES:
            raise ImportFileError(gettext("The file is larger than 5 MB."))
        text = decode_text(in_stream) if isinstance(in_stream, bytes) else in_stream
        first_line = text.lstrip("\ufeff").split("\n", 1)[0]
        # Russian-language Excel separates CSV cells with ";" (the comma is the decimal separator).
        delimiter = max([",", ";", "\t"], key=first_line.count)
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            rows = list(_limited(reader))
        except csv.Error as error:
            raise ImportFileError(gettext("The CSV file is malformed: %(error)s") % {"error": error}) from None
        if not rows:
            raise ImportFileError(gettext("The file is empty."))
        return _build_dataset(rows[0], rows[1:])


def _limited(rows):
    for count, row in enumerate(rows, start=1):
        if count > MAX_SCANNED_ROWS:
            _check_rows(MAX_SCANNED_ROWS)
        yield row[:MAX_COLUMNS]


class XLSXImport(base_formats.XLSX):
    """An Excel workbook, checked to be one (and not a zip bomb) before openpyxl unpacks it."""

    def create_dataset(self, in_stream):
        import openpyxl

        if len(in_stream) > MAX_FILE_BYTES:
            raise ImportFileError(gettext("The file is larger than 5 MB."))
        not_a_workbook = ImportFileError(
            gettext("This file is not an Excel workbook (.xlsx). Save it as .xlsx or CSV, or choose its real format.")
        )
        if not in_stream.startswith(b"PK\x03\x04"):
            raise not_a_workbook
        try:
            with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise not_a_workbook from None
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
            raise not_a_workbook
        # zipfile never unpacks more than a member's declared size, so the declared sizes are a safe bound.
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise ImportFileError(gettext("This workbook unpacks to far more data than a 5 MB sheet can hold."))
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
            try:
                rows = list(_limited(book.active.iter_rows(values_only=True, max_col=MAX_COLUMNS)))
            finally:
                book.close()
        except ImportFileError:
            raise
        except Exception:  # openpyxl raises many kinds of errors on damaged files
            raise not_a_workbook from None
        if not rows:
            raise ImportFileError(gettext("The workbook's first sheet is empty."))
        return _build_dataset(rows[0], rows[1:])


class NaturalKeyInstanceLoader(ModelInstanceLoader):
    """Finds the existing row by the resource's natural key (case and spacing ignored), one query per import."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        self.existing = {}
        related = [field.attribute for field in self.fields if isinstance(field.widget, ForeignKeyWidget)]
        for instance in self.get_queryset().select_related(*related):
            self.existing[self.key(field.get_value(instance) for field in self.fields)] = instance

    @staticmethod
    def key(values):
        return tuple(_normalize(value) if isinstance(value, str) else getattr(value, "pk", value) for value in values)

    def get_instance(self, row):
        try:
            return self.existing.get(self.key(field.clean(row) for field in self.fields))
        except ValueError:
            return None


class ImportableResource(BackOfficeResource):
    """A resource that can also read a file back: natural key, header matching, whole-file validation.

    ``Meta.import_id_fields`` is the natural key (e.g. the organization's name); ``required_columns``
    must be in the file's header.
    """

    required_columns = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        instance_loader_class = NaturalKeyInstanceLoader
        # Rows are validated one by one, then written 1,000 at a time: 10,000 rows fit in a web request.
        use_bulk = True
        batch_size = 1000

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # Rows written in bulk send no signal: the stamps of the pages that show them are renewed here (a dry run's
        # renewal is rolled back with its rows).
        stamps.renew_for(self._meta.model)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # No queries per row: the natural key is the only unique value of an importable model, the loader
        # finds its row and check_dataset() refuses a key that repeats within the file; check constraints
        # (counts not negative) are the fields' own validators; the database enforces all of them anyway.
        # Foreign keys were found by NameForeignKeyWidget, so Django's per-row existence query is skipped too.
        errors = dict(import_validation_errors or {})
        foreign_keys = {field.name for field in instance._meta.concrete_fields if field.is_relation}
        try:
            instance.full_clean(exclude=set(errors) | foreign_keys, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            super().validate_instance(instance, errors, validate_unique=False)

    def header_names(self):
        """Every header accepted for each field: its column name in every language and its field name."""
        names = {}
        for name, field in self.fields.items():
            accepted = {name, name.replace("_", " "), field.column_name}
            accepted |= _in_every_language(type(self).fields[name].column_name)
            for text in accepted:
                names.setdefault(_normalize(text), name)
        return names

    def check_dataset(self, dataset):
        """Problems with a file's header and keys, each as one sentence for the person who uploaded it."""
        problems = []
        names = self.header_names()
        unknown = [header for header in dataset.headers if _normalize(header) not in names]
        if unknown:
            problems.append(
                gettext("Unknown columns: %(unknown)s. The columns are: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": self.expected_columns()}
            )
        present = {names.get(_normalize(header)) for header in dataset.headers}
        missing = [self.fields[name].column_name for name in self.required_columns if name not in present]
        if missing:
            problems.append(gettext("Missing columns: %(missing)s.") % {"missing": ", ".join(missing)})
        if not problems:
            problems += self.duplicate_keys(dataset)
        return problems

    def expected_columns(self):
        return ", ".join(field.column_name for field in self.get_import_fields())

    def duplicate_keys(self, dataset):
        self.before_import(dataset)
        key_fields = [self.fields[name] for name in self.get_import_id_fields()]
        first_line = {}
        problems = []
        for line, values in enumerate(dataset.dict, start=2):
            try:
                key = NaturalKeyInstanceLoader.key(field.clean(values) for field in key_fields)
            except (ValueError, KeyError):
                continue  # reported with its column by the row validation
            if key in first_line:
                problems.append(
                    gettext("Lines %(first)s and %(line)s describe the same %(model)s (%(columns)s).")
                    % {
                        "first": first_line[key],
                        "line": line,
                        "model": self._meta.model._meta.verbose_name,
                        "columns": ", ".join(field.column_name for field in key_fields),
                    }
                )
            first_line.setdefault(key, line)
        return problems

    def before_import(self, dataset, **kwargs):
        # The file may name a column "short_name", "Short name" or (with translations) "Краткое название".
        names = self.header_names()
        dataset.headers = [
            self.fields[names[_normalize(header)]].column_name if _normalize(header) in names else header
            for header in dataset.headers
        ]
        super().before_import(dataset, **kwargs)


IMPORT_FORMATS = [CSVImport, XLSXImport]
EXTENSIONS = {CSVImport: (".csv",), XLSXImport: (".xlsx",)}


def read_import_file(upload, format_class):
    """Read an uploaded file as ``format_class`` after checking size and extension; ImportFileError if not."""
    if upload.size > MAX_FILE_BYTES:
        raise ImportFileError(gettext("The file is larger than 5 MB. Split it into smaller files."))
    name = (upload.name or "").lower()
    if not name.endswith(EXTENSIONS[format_class]):
        raise ImportFileError(
            gettext("The file name must end in %(extension)s for the format you chose.")
            % {"extension": EXTENSIONS[format_class][0]}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return format_class().create_dataset(data)


class BackOfficeImportForm(ImportForm):
    """The library's import form, plus the checks of this module: a clear message beside the file field."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.import_formats = formats
        self.import_resources = resources
        self.fields["import_file"].help_text = _(
            "CSV (UTF-8 or Windows-1251) or Excel .xlsx, at most 5 MB and 10,000 rows; "
            "the first row holds the column names listed above."
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        format_index = cleaned.get("format")
        if not upload or format_index in (None, ""):
            return cleaned
        try:
            resource_index = int(cleaned.get("resource") or 0)
            resource = self.import_resources[resource_index]()
            dataset = read_import_file(upload, self.import_formats[int(format_index)])
        except ImportFileError as error:
            self.add_error("import_file", str(error))
            return cleaned
        except (ValueError, IndexError):
            self.add_error("resource", gettext("Choose one of the listed options."))
            return cleaned
        if not len(dataset):
            self.add_error("import_file", gettext("The file has column names but no rows to import."))
        for problem in resource.check_dataset(dataset):
            self.add_error("import_file", problem)
        return cleaned


def previews_expire():
    """Remove previewed files nobody confirmed within PREVIEW_MAX_AGE (their tickets have expired too)."""
    oldest = timezone.now() - datetime.timedelta(seconds=PREVIEW_MAX_AGE)
    try:
        _folders, files = default_storage.listdir(PREVIEW_FOLDER)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{PREVIEW_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < oldest:
                default_storage.delete(path)
        except FileNotFoundError:
            pass  # another host removed it meanwhile


class PreviewTicketError(Exception):
    """The confirm does not name a preview this person may import here (stale, repeated, forged, foreign)."""


class BoundImportMixin:
    """The confirm step of an admin import bound to its preview (see the module docstring)."""

    tmp_storage_class = MediaStorage

    def get_tmp_storage_class_kwargs(self):
        return {"MEDIA_FOLDER": PREVIEW_FOLDER}

    def write_to_tmp_storage(self, import_file, input_format):
        previews_expire()
        return super().write_to_tmp_storage(import_file, input_format)

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["import_file_name"] = signing.dumps(
                {
                    "file": initial["import_file_name"],
                    "user": request.user.pk,
                    "list": self.opts.label,
                    "format": int(initial["format"]),
                    "resource": int(initial.get("resource") or 0),
                    "name": initial["original_file_name"],
                },
                salt=PREVIEW_SALT,
            )
        return initial

    def _preview_claim(self, request):
        """The previewed file's bytes and its ticket; the file is removed so a second confirm finds nothing."""
        try:
            ticket = signing.loads(request.POST.get("import_file_name", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            raise PreviewTicketError from None
        if ticket.get("user") != request.user.pk or ticket.get("list") != self.opts.label:
            raise PreviewTicketError
        storage = self.get_tmp_storage_class()(
            name=ticket["file"], read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
        try:
            data = storage.read()
            storage.remove()
        except OSError:
            raise PreviewTicketError from None
        return data, ticket

    def _refuse(self, request, *problems):
        for problem in problems:
            messages.error(request, problem)
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            data, ticket = self._preview_claim(request)
            format_class = self.get_import_formats()[ticket["format"]]
            resource_class = self.get_import_resource_classes(request)[ticket["resource"]]
        except (PreviewTicketError, IndexError, KeyError, TypeError):
            return self._refuse(
                request,
                gettext(
                    "This import preview is no longer valid: it was already imported, it expired, or it was "
                    "not yours. Upload the file again."
                ),
            )
        # The preview's checks again: the confirm imports exactly what they accepted, or nothing.
        try:
            dataset = format_class().create_dataset(data)
        except ImportFileError as error:
            return self._refuse(request, str(error))
        problems = resource_class().check_dataset(dataset)
        if not len(dataset):
            problems.append(gettext("The file has column names but no rows to import."))
        if problems:
            return self._refuse(request, *problems)
        form = ConfirmImportForm(
            data={
                "import_file_name": ticket["file"],
                "original_file_name": ticket["name"],
                "format": str(ticket["format"]),
                "resource": str(ticket["resource"]),
            }
        )
        form.is_valid()
        result = self.process_dataset(format_class().create_dataset(data), form, request, **kwargs)
        return self.process_result(result, request)


class BackOfficeImportExportMixin(BoundImportMixin, ImportMixin, BackOfficeExportMixin):
    """Admin import with the library's preview, made safe: see the module docstring."""

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_formats = IMPORT_FORMATS
    import_form_class = BackOfficeImportForm
    import_template_name = "admin/backoffice/import.html"

    def has_import_permission(self, request):
        # Importing updates existing rows as well as adding new ones: both permissions are needed.
        opts = self.opts
        return super().has_import_permission(request) and request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # One invalid row rejects the whole file: nothing of it is written.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Rolled back (the file changed since its preview): say so instead of the library's "Import finished".
            messages.error(
                request,
                gettext("The file was not imported: some rows are invalid. Nothing was written; upload it again."),
            )
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)
