"""PDFs: the same bytes for the same content; only the portal's own files fetched."""

import io

import pytest
from django.urls import reverse
from fontTools.misc import timeTools
from pypdf import PdfReader

from core.pdf import LocalOnlyFetcher, render_pdf


def test_the_same_content_renders_to_the_same_bytes_an_hour_later(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(timeTools.time, "time", lambda: now[0])
    first = render_pdf("pdf/base.html", {})
    now[0] += 3600
    second = render_pdf("pdf/base.html", {})
    assert first.startswith(b"%PDF-")
    assert first == second


def test_the_fetcher_reads_only_static_and_media_files_of_the_portals_address(
    settings,
):
    settings.SITE_URL = "https://www.regiondermitte.de"
    fetcher = LocalOnlyFetcher()
    served = fetcher.fetch("https://www.regiondermitte.de/static/css/print.css")
    assert b"@page" in served.read()
    for url in (
        "https://evil.example/static/css/print.css",
        "http://www.regiondermitte.de/static/css/print.css",
        "https://www.regiondermitte.de/aktuelles/",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "footer"), [("", "Seite 1 von 1"), ("/en", "Page 1 of 1")]
)
def test_every_page_ends_with_the_portals_address_and_its_number_in_the_readers_language(
    client, settings, prefix, footer
):
    settings.SITE_URL = "https://portal.region-test.de"
    response = client.get(prefix + reverse("documents:handout-pdf"))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Region der Mitte · portal.region-test.de" in text
    assert footer in text
    assert "regiondermitte.de" not in text
