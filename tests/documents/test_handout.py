"""The Werkzeugkasten handout: a tagged PDF that fetches nothing but the portal's files."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.pdf import LocalOnlyFetcher
from documents.models import Category, Document
from tests import factories

pytestmark = pytest.mark.django_db

HANDOUT = reverse("documents:handout-pdf")
PASSWD = "file:///etc/passwd"


@pytest.fixture
def fetched(monkeypatch):
    """Every URL WeasyPrint asks the fetcher for, and whether it was served."""
    calls = []
    original = LocalOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except Exception:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    monkeypatch.setattr(LocalOnlyFetcher, "fetch", spy)
    return calls


def images(reader: PdfReader) -> list:
    return [image for page in reader.pages for image in page.images]


def test_the_handout_is_a_tagged_german_pdf_of_the_toolbox(client):
    factories.document(
        "Argumentationshilfe Gewerbeflächen",
        category=Category.TOOLBOX,
        description="Argumente für die **Regionalplanung**.",
        state_he=True,
        state_ni=True,
        state_nw=True,
    )
    factories.document("Protokoll", category=Category.MINUTES)
    response = client.get(HANDOUT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith("Werkzeugkasten")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Argumentationshilfe Gewerbeflächen" in text
    assert "Regionalplanung" in text
    assert "Protokoll" not in text
    # The document's cover thumbnail is in it, fetched from the portal's media.
    assert len(images(reader)) == 1


def test_an_image_in_a_description_is_not_fetched(client, fetched):
    document = factories.document(
        "Werkzeug",
        category=Category.TOOLBOX,
        description=f'<img src="{PASSWD}" alt="x">\n\n![Passwort]({PASSWD})\n\nText.',
    )
    assert PASSWD not in document.description_html
    response = client.get(HANDOUT)
    assert response.status_code == 200
    assert not [url for url, _ in fetched if url.startswith("file:")]
    assert b"root:x:0:0" not in response.content
    assert len(images(PdfReader(io.BytesIO(response.content)))) == 1


def test_the_fetcher_refuses_a_file_url_that_reaches_the_template(client, fetched):
    # Defence in depth: should unsanitized HTML ever reach the handout, the fetcher
    # still refuses file: URLs and the PDF carries no image from them.
    document = factories.document("Werkzeug", category=Category.TOOLBOX)
    Document.objects.filter(pk=document.pk).update(
        description_html=f'<p><img src="{PASSWD}" alt="Passwort"></p>',
        updated_at=timezone.now(),
    )
    response = client.get(HANDOUT)
    assert response.status_code == 200
    assert (PASSWD, "refused") in fetched
    assert not [url for url, result in fetched if result == "served" and ":///" in url]
    assert b"root:x:0:0" not in response.content
    assert len(images(PdfReader(io.BytesIO(response.content)))) == 1


def test_the_handout_is_rendered_once_until_the_toolbox_changes(client, fetched):
    document = factories.document("Werkzeug A", category=Category.TOOLBOX)
    first = client.get(HANDOUT).content
    calls = len(fetched)
    assert client.get(HANDOUT).content == first
    assert len(fetched) == calls  # served from the cache, nothing rendered
    document.title = "Werkzeug B"
    document.save()
    changed = client.get(HANDOUT).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(changed)).pages)
    assert "Werkzeug B" in text


def test_an_empty_toolbox_still_gives_a_handout(client):
    response = client.get(HANDOUT)
    assert response.status_code == 200
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "noch keine Dokumente" in text
