"""The upload pipeline: files judged by their bytes, metadata derived once."""

import io
import zipfile

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter

from documents.models import Document, FileType
from documents.services import document_create, document_save, inspect_file
from tests import factories

pytestmark = pytest.mark.django_db


def refused(upload) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        inspect_file(upload)
    return error.value


def png_bytes(size=(300, 200), color=(20, 120, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def encrypted_pdf(*, user_password: str, owner_password=None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(factories.pdf_bytes(pages=2))))
    writer.encrypt(
        user_password=user_password,
        owner_password=owner_password,
        algorithm="AES-128",
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def package(members: dict[str, bytes], *, stored_first: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(main="wordprocessingml.document") -> bytes:
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Override PartName="/word/document.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.{main}.main+xml"/>'
        "</Types>"
    )
    return package(
        {
            "[Content_Types].xml": content_types.encode(),
            "word/document.xml": b"<w:document/>",
        }
    )


def test_a_pdf_is_accepted_with_its_page_count_and_text():
    inspection = inspect_file(
        factories.upload(factories.pdf_bytes(pages=3, text="Pendlerverflechtungen"))
    )
    assert inspection.file_type == FileType.PDF
    assert inspection.page_count == 3
    assert "Pendlerverflechtungen 1" in inspection.text
    assert "Pendlerverflechtungen 3" in inspection.text
    assert inspection.cover is not None


def test_an_html_page_renamed_to_pdf_is_refused():
    upload = factories.upload(
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "bericht.pdf",
        "application/pdf",
    )
    error = refused(upload)
    assert error.code == "file_type"
    assert "nicht erlaubt" in error.messages[0]


def test_an_svg_is_refused_even_named_png():
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
        b'onload="alert(1)"><script>alert(2)</script></svg>'
    )
    for name in ("karte.svg", "karte.png"):
        assert refused(factories.upload(svg, name, "image/svg+xml")).code == "file_type"


def test_executables_are_refused():
    for data in (
        b"MZ\x90\x00\x03" + b"\x00" * 200,
        b"\x7fELF\x02\x01\x01" + b"\0" * 200,
    ):
        upload = factories.upload(data, "setup.pdf", "application/pdf")
        assert refused(upload).code == "file_type"


def test_a_plain_zip_and_a_macro_enabled_document_are_refused():
    plain = package({"readme.txt": b"hallo"})
    assert refused(factories.upload(plain, "archiv.docx")).code == "file_type"
    docm = package(
        {
            "[Content_Types].xml": b'<Types><Override ContentType="application/'
            b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        }
    )
    assert refused(factories.upload(docm, "makro.docm")).code == "file_type"


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    data = factories.pdf_bytes(pages=5)
    assert len(data) > 1024
    error = refused(factories.upload(data))
    assert error.code == "too_large"
    assert "zu groß" in error.messages[0]
    assert "1,0\xa0KB" in error.messages[0]


def test_an_empty_file_is_refused():
    assert refused(factories.upload(b"")).code == "empty"


def test_a_broken_pdf_is_refused():
    truncated = factories.pdf_bytes(pages=2)[:120]
    for data in (b"%PDF-1.7\nnot really a pdf at all", truncated):
        error = refused(factories.upload(data))
        assert error.code == "broken_pdf"
        assert "beschädigt" in error.messages[0]


def test_an_encrypted_pdf_is_refused():
    error = refused(factories.upload(encrypted_pdf(user_password="geheim")))
    assert error.code == "encrypted_pdf"
    assert "verschlüsselt" in error.messages[0]


def test_a_pdf_with_only_an_owner_password_is_refused_too():
    data = encrypted_pdf(user_password="", owner_password="nur-der-besitzer")
    assert refused(factories.upload(data)).code == "encrypted_pdf"


def test_a_png_with_a_script_appended_is_reencoded_without_it():
    data = png_bytes() + b"<script>alert('x')</script>"
    document = factories.document(file=factories.upload(data, "karte.png", "image/png"))
    assert document.file_type == FileType.PNG
    assert document.file.name.endswith(".png")
    with document.file.open("rb") as stored:
        content = stored.read()
    assert b"<script>" not in content
    assert content.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(content)).size == (300, 200)
    assert document.page_count is None
    assert document.cover and document.thumbnail


def test_a_jpeg_loses_its_exif_location():
    document = factories.document(file=factories.jpeg_with_gps(name="foto.jpg"))
    assert document.file_type == FileType.JPEG
    with document.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert not image.getexif()


def test_office_documents_are_recognised_by_their_content():
    docx = inspect_file(factories.upload(docx_bytes(), "bericht.bin"))
    assert docx.file_type == FileType.DOCX
    assert docx.cover is None and docx.page_count is None
    odt = package(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
        }
    )
    assert inspect_file(factories.upload(odt, "x.odt")).file_type == FileType.ODT
    xlsx = inspect_file(
        factories.upload(docx_bytes(main="spreadsheetml.sheet"), "tabelle.xlsx")
    )
    assert xlsx.file_type == FileType.XLSX


def test_a_broken_zip_is_refused():
    data = docx_bytes()[:60]
    assert refused(factories.upload(data, "kaputt.docx")).code in {
        "broken_file",
        "file_type",
    }


def test_derived_metadata_is_stored_with_a_generated_name():
    document = factories.document(
        "Regionalanalyse",
        file=factories.upload(
            factories.pdf_bytes(pages=4, text="Wirtschaftsstrukturen"),
            "Regionalanalyse_final_v3 (2).pdf",
        ),
    )
    document.refresh_from_db()
    assert document.file_type == FileType.PDF
    assert document.page_count == 4
    assert document.file_size == document.file.size
    assert document.original_filename == "Regionalanalyse_final_v3 (2).pdf"
    assert "Regionalanalyse_final" not in document.file.name
    assert document.file.name.startswith("documents/")
    assert len(document.file.name.rsplit("/", 1)[1]) == 32 + len(".pdf")
    assert "Wirtschaftsstrukturen 4" in document.text
    assert document.mime_type == "application/pdf"


def test_the_cover_is_an_image_of_the_first_page():
    document = factories.document(pages=2)
    cover = Image.open(document.cover.path)
    cover.verify()
    assert cover.format == "JPEG"
    assert (document.cover_width, document.cover_height) == (800, 1132)
    thumbnail = Image.open(document.thumbnail.path)
    assert thumbnail.format == "JPEG"
    assert document.thumbnail_width == 240
    # A white page with black text: mostly light, but not blank.
    pixels = Image.open(document.cover.path).convert("L")
    assert pixels.getextrema()[0] < 100
    assert document.cover.name != document.thumbnail.name


def test_replacing_the_file_removes_the_old_files_after_commit(
    django_capture_on_commit_callbacks,
):
    document = factories.document(pages=1)
    old = [document.file.name, document.cover.name, document.thumbnail.name]
    document = Document.objects.get(pk=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        document_save(
            document=document,
            inspection=inspect_file(factories.upload(factories.pdf_bytes(pages=3))),
        )
    assert document.page_count == 3
    assert not any(default_storage.exists(name) for name in old)
    assert default_storage.exists(document.file.name)


def stored_files(settings) -> set[str]:
    return {p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}


def test_a_failed_save_leaves_no_files_behind(settings):
    factories.document(slug="vergeben")
    before = stored_files(settings)
    with pytest.raises(ValidationError):
        document_create(
            file=factories.upload(factories.pdf_bytes()),
            title="Doppelt",
            slug="vergeben",
            category="sonstiges",
        )
    assert stored_files(settings) == before
    assert Document.objects.count() == 1


def _pdf_with(change) -> SimpleUploadedFile:
    pdf = pikepdf.open(io.BytesIO(factories.pdf_bytes()))
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return SimpleUploadedFile("aktiv.pdf", out.getvalue(), "application/pdf")


def _open_action_script(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )


def _launch_on_page_open(pdf):
    pdf.pages[0].obj.AA = pikepdf.Dictionary(
        O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    )


def _attached_file(pdf):
    pdf.attachments["daten.txt"] = pikepdf.AttachedFileSpec(pdf, b"versteckt")


@pytest.mark.parametrize(
    "change, code",
    [
        (_open_action_script, "pdf_script"),
        (_launch_on_page_open, "pdf_script"),
        (_attached_file, "pdf_attachment"),
    ],
)
def test_pdfs_that_act_when_opened_or_carry_files_are_refused(change, code):
    with pytest.raises(ValidationError) as refused:
        inspect_file(_pdf_with(change))
    assert refused.value.code == code


def test_a_plain_pdf_rewritten_by_pikepdf_passes():
    assert inspect_file(_pdf_with(lambda pdf: None)).page_count == 1


def test_media_files_of_documents_are_served_as_downloads(client):
    document = factories.document()
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    cover = client.get(document.cover.url)
    assert not cover.get("Content-Disposition", "").startswith("attachment")
