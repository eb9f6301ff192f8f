"""What an evidence file must be beyond its first bytes: each kind is opened as what it claims to be.

- Images decode completely with Pillow (a PNG or GIF header followed by HTML or a script does not).
- PDFs parse with pypdf and carry no JavaScript, launch, form-submit or embedded-file actions anywhere.
- Office documents of today (OOXML, OpenDocument) are valid zip archives with their main part, unpack to at
  most MAX_UNPACKED_BYTES and hold no macros; older binary ones (.doc, .xls, .ppt) are OLE files without
  a VBA project.

Each check raises ValidationError with one sentence naming the file.
"""

import io
import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 5_000
MAX_PDF_OBJECTS = 200_000
# Actions a PDF reader may run: scripts, programs, form submission, embedded files and media.
PDF_ACTIVE_NAMES = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/XFA",
}
OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Word keeps macros under "Macros/VBA/_VBA_PROJECT", Excel and PowerPoint under "_VBA_PROJECT_CUR/VBA/...".
OLE_VBA_NAME = "_VBA_PROJECT".encode("utf-16-le")


def _read(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def image_check(upload, name):
    from PIL import Image

    unreadable = ValidationError(_("%(name)s is not a readable image."), params={"name": name})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(_read(upload))) as image:
                image.verify()
            with Image.open(io.BytesIO(_read(upload))) as image:
                image.load()
    except Exception:  # Pillow raises many kinds of errors on a damaged or disguised file
        raise unreadable from None


def _pdf_active_name(reader):
    """The first name of an active action found in any object reachable from the trailer, or None."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "/TooManyObjects"
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in PDF_ACTIVE_NAMES:
                    return key
                if key == "/S" and value in PDF_ACTIVE_NAMES:
                    return value
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def pdf_check(upload, name):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(_read(upload)), strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            raise ValueError
        active = _pdf_active_name(reader)
    except Exception:  # pypdf raises many kinds of errors on a damaged or disguised file
        raise ValidationError(_("%(name)s is not a readable PDF."), params={"name": name}) from None
    if active:
        raise ValidationError(
            _("%(name)s contains scripts or actions that run when it is opened; save it again as a plain PDF."),
            params={"name": name},
        )


def _refuse_macros(name):
    raise ValidationError(
        _("%(name)s contains macros; save it without macros (e.g. as .docx or .xlsx) and upload it again."),
        params={"name": name},
    )


def archive_check(upload, name, extension):
    unreadable = ValidationError(_("%(name)s is not a readable office document."), params={"name": name})
    try:
        with zipfile.ZipFile(io.BytesIO(_read(upload))) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if len(members) > MAX_ARCHIVE_MEMBERS:
                raise unreadable
            # zipfile never unpacks more than a member's declared size, so the declared sizes are a safe bound.
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise ValidationError(
                    _("%(name)s unpacks to more than %(limit)s; an office document of this size cannot hold that."),
                    params={"name": name, "limit": filesizeformat(MAX_UNPACKED_BYTES)},
                )
            lowered = {member.lower() for member in names}
            if extension in OOXML_MAIN_PARTS:
                if OOXML_MAIN_PARTS[extension] not in names or "[Content_Types].xml" not in names:
                    raise unreadable
                content_types = archive.read("[Content_Types].xml").lower()
                if any(n.endswith("vbaproject.bin") for n in lowered) or b"macroenabled" in content_types:
                    _refuse_macros(name)
            else:
                if "mimetype" not in names or archive.read("mimetype").strip() != OPENDOCUMENT_TYPES[extension]:
                    raise unreadable
                if any(n.startswith(("basic/", "scripts/")) for n in lowered):
                    _refuse_macros(name)
    except ValidationError:
        raise
    except Exception:  # zipfile raises many kinds of errors on a damaged archive
        raise unreadable from None


def ole_check(upload, name):
    data = _read(upload)
    if not data.startswith(OLE_SIGNATURE):
        raise ValidationError(_("%(name)s is not a readable office document."), params={"name": name})
    if OLE_VBA_NAME in data:
        _refuse_macros(name)


def evidence_content_check(upload, *, name, mime, extension):
    """Open the file as the kind `mime` says it is; ValidationError if it is not, or if it is unsafe."""
    if mime.startswith("image/"):
        image_check(upload, name)
    elif mime == "application/pdf":
        pdf_check(upload, name)
    elif extension in OOXML_MAIN_PARTS or extension in OPENDOCUMENT_TYPES:
        archive_check(upload, name, extension)
    else:
        ole_check(upload, name)
