"""Writes for documents: checking and storing an upload, versions, download counts.

An upload is judged by its bytes, never by its name or the browser's Content-Type:
a renamed HTML page, an SVG or a program is refused, whatever it is called. What can
be derived from the file (type, size, pages, cover, text) is derived here, once.
"""

import io
import logging
import threading
import uuid
import zipfile
from dataclasses import dataclass, field

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from core import pagecache
from core.images import open_image

from .models import Document, DownloadCount, FileType

logger = logging.getLogger(__name__)

# PDFium is not thread-safe; gunicorn runs threads. One PDF at a time per process.
_pdfium_lock = threading.Lock()

COVER_WIDTH = 800
THUMBNAIL_WIDTH = 240
# A cover is a picture of page 1, not a poster: cap odd page shapes (a 5 m banner).
COVER_MAX_HEIGHT = 2400
# Search needs the words, not a novel: a PDF with more text is indexed by its start.
MAX_TEXT_LENGTH = 2_000_000

ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": FileType.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileType.ODS,
    b"application/vnd.oasis.opendocument.presentation": FileType.ODP,
}
# The content type of the main part names what an OOXML package is. Macro-enabled
# variants (docm, xlsm, pptm) have other content types and are refused on purpose.
OOXML_TYPES = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": FileType.DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": FileType.XLSX,
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": FileType.PPTX,
}


def _type_error() -> ValidationError:
    return ValidationError(
        _(
            "This file type is not allowed. Please upload a PDF, an office document "
            "(DOCX, XLSX, PPTX, ODT, ODS, ODP) or a PNG or JPEG image. The file's "
            "content counts, not its name."
        ),
        code="file_type",
    )


@dataclass
class Inspection:
    """What an accepted upload is, and the files to store for it."""

    file_type: str
    size: int
    original_filename: str
    content: File
    page_count: int | None = None
    text: str = ""
    cover: Image.Image | None = field(default=None, repr=False)


def inspect_file(file) -> Inspection:
    """Check an upload by its content and derive its metadata; nothing is stored.

    Raises a ValidationError with a German message when the file is too large, of a
    type off the allow-list, broken, or an encrypted PDF.
    """
    size = file.size
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). At most %(limit)s are allowed.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    original = _original_name(getattr(file, "name", "") or "")
    if head.startswith(b"%PDF-"):
        return _inspect_pdf(file, size=size, original=original)
    if head.startswith(b"PK\x03\x04"):
        return _inspect_package(file, size=size, original=original)
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        return _inspect_image(file, size=size, original=original)
    raise _type_error()


def _original_name(name: str) -> str:
    # Browsers send a bare name, but a client may send a path; keep the last part.
    return name.replace("\\", "/").rsplit("/", 1)[-1][:255]


def _inspect_pdf(file, *, size: int, original: str) -> Inspection:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    broken = ValidationError(
        _(
            "The PDF file is damaged and cannot be read. Please export it again "
            "and upload the new file."
        ),
        code="broken_pdf",
    )
    encrypted = ValidationError(
        _(
            "The PDF is password-protected or encrypted. Please upload a version "
            "without protection, so that everyone can open it and the search can "
            "read it."
        ),
        code="encrypted_pdf",
    )
    with _pdfium_lock:
        try:
            pdf = pypdfium2.PdfDocument(file)
        except pypdfium2.PdfiumError as error:
            if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                raise encrypted from None
            raise broken from None
        try:
            # An owner password (no printing, no copying) opens without asking, but
            # restricts what readers and the search may do: refused as well.
            if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
                raise encrypted
            page_count = len(pdf)
            if page_count == 0:
                raise broken
            cover = _render_cover(pdf[0])
            text = _extract_text(pdf)
        except (pypdfium2.PdfiumError, ValueError):
            raise broken from None
        finally:
            pdf.close()
            file.seek(0)
    _refuse_active_content(file, broken=broken)
    return Inspection(
        file_type=FileType.PDF,
        size=size,
        original_filename=original,
        content=file,
        page_count=page_count,
        text=text,
        cover=cover,
    )


def _refuse_active_content(file, *, broken: ValidationError) -> None:
    """Refuses a PDF that would act when opened (JavaScript, launching programs) or
    carries other files inside it. Refused with the reason rather than stored with
    those parts removed: the association publishes documents as they were decided,
    and the author can export them again without these parts."""
    found = set()
    try:
        with pikepdf.open(file) as pdf:
            for obj in pdf.objects:
                for dictionary in _dictionaries(obj):
                    found |= _active_parts(dictionary)
    except pikepdf.PdfError:
        raise broken from None
    finally:
        file.seek(0)
    if "script" in found:
        raise ValidationError(
            _(
                "The PDF contains JavaScript or actions that start programs when it is "
                "opened. Such files are not accepted. Please export the document again "
                "without them (for example with “Print as PDF” or as PDF/A)."
            ),
            code="pdf_script",
        )
    if "attachment" in found:
        raise ValidationError(
            _(
                "The PDF contains attached files. Please upload the attachments as "
                "documents of their own and the PDF without them."
            ),
            code="pdf_attachment",
        )


def _dictionaries(obj):
    """A PDF object's dictionaries, its direct nested ones included (an action inside
    a page's /AA); indirect ones come on their own from `pdf.objects`."""
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        yield obj
        children = obj.values()
    elif isinstance(obj, pikepdf.Array):
        children = obj
    else:
        return
    for child in children:
        nested = isinstance(child, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream)
        if nested and not child.is_indirect:
            yield from _dictionaries(child)


def _active_parts(obj: pikepdf.Dictionary) -> set[str]:
    """What one PDF object holds of scripts, launch actions and attached files."""
    found = set()
    if "/JS" in obj or str(obj.get("/S", "")) in {"/JavaScript", "/Launch"}:
        found.add("script")
    if "/EF" in obj or str(obj.get("/Type", "")) == "/EmbeddedFile":
        found.add("attachment")
    if str(obj.get("/Subtype", "")) == "/FileAttachment":
        found.add("attachment")
    names = obj.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            found.add("script")
        if "/EmbeddedFiles" in names:
            found.add("attachment")
    return found


def _render_cover(page) -> Image.Image:
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        raise ValueError("page without area")
    scale = min(COVER_WIDTH / width, COVER_MAX_HEIGHT / height)
    image = page.render(scale=scale).to_pil()
    page.close()
    return image.convert("RGB")


def _extract_text(pdf) -> str:
    parts = []
    length = 0
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            chunk = textpage.get_text_bounded()
        finally:
            textpage.close()
            page.close()
        # PostgreSQL text cannot hold NUL; PDFs sometimes do.
        chunk = chunk.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
        parts.append(chunk.strip())
        length += len(chunk)
        if length >= MAX_TEXT_LENGTH:
            break
    return "\n\n".join(part for part in parts if part)[:MAX_TEXT_LENGTH]


def _inspect_package(file, *, size: int, original: str) -> Inspection:
    """OOXML and ODF files are ZIP packages; what is inside says which, if any."""
    broken = ValidationError(
        _("The file is damaged and cannot be read."), code="broken_file"
    )
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            if names and names[0] == "mimetype":
                with package.open("mimetype") as member:
                    mimetype = member.read(100).strip()
                file_type = ODF_TYPES.get(mimetype)
                if file_type is None or "content.xml" not in names:
                    raise _type_error()
            elif "[Content_Types].xml" in names:
                with package.open("[Content_Types].xml") as member:
                    content_types = member.read(256 * 1024)
                found = [t for key, t in OOXML_TYPES.items() if key in content_types]
                if len(found) != 1:
                    raise _type_error()
                file_type = found[0]
            else:
                raise _type_error()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError):
        raise broken from None
    finally:
        file.seek(0)
    return Inspection(
        file_type=file_type, size=size, original_filename=original, content=file
    )


def _inspect_image(file, *, size: int, original: str) -> Inspection:
    """PNG and JPEG are re-encoded: metadata and anything appended to them vanish."""
    image = open_image(
        file, formats={"PNG", "JPEG"}, max_bytes=settings.DOCUMENT_MAX_UPLOAD_SIZE
    )
    image_format = image.format
    image = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    if image_format == "PNG":
        file_type = FileType.PNG
        image.save(buffer, "PNG", optimize=True)
    else:
        file_type = FileType.JPEG
        image.convert("RGB").save(buffer, "JPEG", quality=90, optimize=True)
    content = ContentFile(buffer.getvalue())
    return Inspection(
        file_type=file_type,
        size=content.size,
        original_filename=original,
        content=content,
        cover=image.convert("RGB"),
    )


def _jpeg(image: Image.Image, *, width: int, quality: int) -> ContentFile:
    if image.width > width:
        height = round(image.height * width / image.width)
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.convert("RGB").save(
        buffer, "JPEG", quality=quality, optimize=True, progressive=True
    )
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def _apply(document: Document, inspection: Inspection) -> list[str]:
    """Store the file (and its cover) under generated names; return what was stored."""
    stored = []
    document.file_type = inspection.file_type
    document.file_size = inspection.size
    document.original_filename = inspection.original_filename
    document.page_count = inspection.page_count
    document.text = inspection.text
    document.file.save(
        f"{uuid.uuid4().hex}.{inspection.file_type}", inspection.content, save=False
    )
    stored.append(document.file.name)
    if inspection.cover is not None:
        cover = _jpeg(inspection.cover, width=COVER_WIDTH, quality=85)
        document.cover.save(cover.name, cover, save=False)
        stored.append(document.cover.name)
        thumbnail = _jpeg(inspection.cover, width=THUMBNAIL_WIDTH, quality=80)
        document.thumbnail.save(thumbnail.name, thumbnail, save=False)
        stored.append(document.thumbnail.name)
    else:
        document.cover = document.thumbnail = None
        document.cover_width = document.cover_height = None
        document.thumbnail_width = document.thumbnail_height = None
    return stored


def _delete_files(names) -> None:
    for name in names:
        if name:
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("Could not delete %s", name, exc_info=True)


def _file_names(document: Document) -> list[str]:
    return [document.file.name, document.cover.name, document.thumbnail.name]


@transaction.atomic
def document_save(
    *, document: Document, inspection: Inspection | None = None
) -> Document:
    """Validate and save a document; with an inspected upload, store it and its cover.

    A new version joins the series of the document it replaces, and so do the versions
    that replace it in turn. If anything fails, the files stored here are removed again.
    """
    old_files = []
    previous = None
    if document.pk:
        previous = Document.objects.filter(pk=document.pk).first()
        if previous is not None:
            old_files = _file_names(previous)
    stored = []
    try:
        if inspection is not None:
            stored = _apply(document, inspection)
        elif not document.file:
            raise ValidationError({"file": _("Please choose a file.")})
        if document.replaces_id:
            document.series = document.replaces.series
        elif previous is not None and previous.replaces_id:
            # Taken out of a version chain: it starts a series of its own.
            document.series = uuid.uuid4()
        document.full_clean()
        document.save()
        _join_newer_versions(document)
    except BaseException:
        _delete_files(stored)
        raise
    if inspection is not None and old_files:
        # The old file stays until the new one is committed; then it goes.
        transaction.on_commit(lambda: _delete_files(old_files))
    return document


def _join_newer_versions(document: Document) -> None:
    newer = Document.objects.filter(replaces=document).first()
    seen = {document.pk}
    while newer is not None and newer.pk not in seen:
        seen.add(newer.pk)
        if newer.series != document.series:
            pagecache.update(
                Document.objects.filter(pk=newer.pk), series=document.series
            )
        newer = Document.objects.filter(replaces=newer).first()


@transaction.atomic
def document_create(*, file, **fields) -> Document:
    """A new document from an upload (demo content, tests, imports); see document_save."""
    inspection = inspect_file(file)
    document = Document(**fields)
    return document_save(document=document, inspection=inspection)


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Delete a document and, once that is committed, its file, cover and thumbnail."""
    names = _file_names(document)
    document.delete()
    transaction.on_commit(lambda: _delete_files(names))


def document_record_download(*, document: Document) -> None:
    """Count one download for today: a counter per document and day, nothing else.

    The UPDATE is atomic in the database, so parallel downloads are all counted; the
    first download of a day creates the row, and a race for that is caught.
    """
    today = timezone.localdate()
    rows = DownloadCount.objects.filter(document=document, day=today)
    if pagecache.update(rows, count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.create(document=document, day=today, count=1)
    except IntegrityError:
        pagecache.update(rows, count=F("count") + 1)
