import io

import pytest
from pypdf import PdfReader

from demo.loaders import documents as demo
from documents.models import Category, Document

pytestmark = pytest.mark.django_db


def test_demo_documents_load_once_and_mark_every_page_as_sample():
    output = io.StringIO()
    demo.load(stdout=output)
    count = Document.objects.count()
    assert count == len(demo.DOCUMENTS)
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
