import io

import pytest
from pypdf import PdfReader

from demo.content import entries, media
from demo.loaders import documents as demo
from documents.models import Category, Document

pytestmark = pytest.mark.django_db


def test_demo_documents_load_once_from_their_files_marked_as_samples():
    # One test: each load inspects seven PDFs (text, cover), which takes seconds.
    output = io.StringIO()
    demo.load(stdout=output)
    count = Document.objects.count()
    assert count == len(entries("documents")) == 7
    demo.load(stdout=output)
    assert Document.objects.count() == count
    assert "0 created" in output.getvalue()

    srek = Document.objects.current_srek()
    assert srek.slug == "srek"
    assert srek.page_count >= 5 and srek.cover and srek.text
    older = Document.objects.get(slug="srek-entwurf-2023")
    assert srek.replaces == older
    assert Document.objects.current().filter(pk=older.pk).exists() is False
    assert set(Document.objects.values_list("category", flat=True)) >= {
        Category.SREK,
        Category.REGIONAL_ANALYSIS,
        Category.TOOLBOX,
        Category.MINUTES,
        Category.PRESENTATION,
    }
    for document in Document.objects.all():
        with document.file.open("rb") as file:
            reader = PdfReader(io.BytesIO(file.read()))
        for number, page in enumerate(reader.pages, start=1):
            assert "beispiel" in page.extract_text().lower(), (document.slug, number)

    # Each document is its file, its front matter and its description (the body).
    srek = Document.objects.get(slug="srek")
    assert srek.status == Document.Status.PUBLISHED and srek.featured
    assert srek.version_label == "Fassung 2024"
    assert srek.published_on.isoformat() == "2024-04-22"
    assert srek.description.startswith("Das SREK bündelt die geplanten Maßnahmen")
    assert srek.description.endswith(
        "*Demo-Inhalt: ein Beispiel-PDF, kein beschlossenes Konzept.*"
    )
    assert "<em>Demo-Inhalt" in srek.description_html
    assert srek.original_filename == "srek.pdf"
    with srek.file.open("rb") as file:
        assert file.read() == media("documents/srek.pdf").read_bytes()
    assert srek.cover_width and srek.thumbnail_width
    mobility = Document.objects.get(slug="werkzeugkasten-mobilitaet")
    assert mobility.states == ["HE", "NI"]
    assert Document.objects.get(slug="srek-entwurf-2023").states == ["HE", "NI", "NW"]
