"""`make bench-documents`: how long ingesting a 100-page PDF and the handout take.

Everything runs inside a transaction that is rolled back, with files in a temporary
folder: the database and var/media are left as they were.
"""

import base64
import io
import statistics
import tempfile
import time

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from PIL import Image, ImageDraw
from weasyprint import HTML

from core.pdf import render_pdf
from documents import pdf
from documents.models import Category, Document
from documents.services import document_create, document_save, inspect_file

PARAGRAPH = (
    "Die Region der Mitte zwischen Kassel, Paderborn und Göttingen ist über die "
    "Grenzen von Hessen, Niedersachsen und Nordrhein-Westfalen hinweg verflochten: "
    "Beschäftigte pendeln täglich ins Nachbarland, Unternehmen finden dort Zulieferer "
    "und Fachkräfte. "
)


class Rollback(Exception):
    pass


def chart(number: int) -> str:
    image = Image.new("RGB", (1200, 700), (243, 246, 247))
    draw = ImageDraw.Draw(image)
    for bar in range(12):
        height = 80 + (bar * 37 + number * 53) % 520
        draw.rectangle(
            [60 + bar * 92, 650 - height, 120 + bar * 92, 650], fill=(11, 85, 99)
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return base64.b64encode(buffer.getvalue()).decode()


def hundred_page_pdf(pages: int = 100) -> bytes:
    """A report as an office suite exports it: text, tables, a chart every 5 pages."""
    body = []
    for page in range(1, pages + 1):
        body.append(f"<section><h2>Kapitel {page}</h2>")
        body.append(f"<p>{PARAGRAPH * 6}</p>")
        if page % 5 == 0:
            body.append(
                f'<img alt="Diagramm {page}" src="data:image/jpeg;base64,{chart(page)}">'
            )
        else:
            rows = "".join(
                f"<tr><td>Kreis {row}</td><td>{row * 1234}</td><td>{row * 7} %</td></tr>"
                for row in range(1, 9)
            )
            body.append(f"<table>{rows}</table><p>{PARAGRAPH * 3}</p>")
        body.append("</section>")
    html = (
        '<html lang="de"><head><meta charset="utf-8"><title>Benchmark</title><style>'
        "@page { size: A4; margin: 20mm } body { font-family: 'DejaVu Sans'; "
        "font-size: 10pt } section { break-after: page } img { width: 100% } "
        "td { border-bottom: 0.5pt solid #ccc; padding: 2pt 6pt }"
        "</style></head><body>" + "".join(body) + "</body></html>"
    )
    return HTML(string=html).write_pdf()


class Command(BaseCommand):
    help = "Times ingesting a 100-page PDF and rendering the Werkzeugkasten handout."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=100)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--toolbox", type=int, default=20)

    def handle(self, *args, pages, runs, toolbox, **options):
        self.stdout.write(f"Generating a {pages}-page PDF with WeasyPrint …")
        started = time.perf_counter()
        data = hundred_page_pdf(pages)
        self.stdout.write(
            f"  {len(data) / 1_000_000:.1f} MB in {time.perf_counter() - started:.1f} s "
            "(not part of the figures)"
        )
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(MEDIA_ROOT=media),
        ):
            try:
                with transaction.atomic():
                    self.bench(data, pages=pages, runs=runs, toolbox=toolbox)
                    raise Rollback
            except Rollback:
                pass

    def bench(self, data: bytes, *, pages: int, runs: int, toolbox: int):
        # The library's own documents would join the handout with their files
        # elsewhere; inside this rolled-back transaction they are gone.
        Document.objects.all().delete()
        inspect_times, ingest_times = [], []
        for run in range(runs):
            upload = ContentFile(data, name="bericht.pdf")
            started = time.perf_counter()
            inspection = inspect_file(upload)
            inspected = time.perf_counter()
            document = Document(
                title=f"Benchmark {run}",
                slug=f"benchmark-{run}",
                category=Category.REGIONAL_ANALYSIS,
                status=Document.Status.PUBLISHED,
            )
            document_save(document=document, inspection=inspection)
            finished = time.perf_counter()
            inspect_times.append(inspected - started)
            ingest_times.append(finished - started)
        assert document.page_count == pages, document.page_count
        self.stdout.write(
            f"Ingest of a {pages}-page PDF ({len(data) / 1_000_000:.1f} MB; type check, "
            f"page count, cover, {len(document.text):,} characters of text):"
        )
        self.stdout.write(
            f"  check + metadata + cover + text: median "
            f"{statistics.median(inspect_times):.2f} s"
        )
        self.stdout.write(
            f"  whole ingest incl. storing file, cover, thumbnail, row: median "
            f"{statistics.median(ingest_times):.2f} s (runs: "
            + ", ".join(f"{t:.2f}" for t in ingest_times)
            + ")"
        )
        for number in range(toolbox):
            document_create(
                file=ContentFile(_small_pdf(number), name="w.pdf"),
                title=f"Argumentationshilfe {number}",
                slug=f"bench-werkzeug-{number}",
                category=Category.TOOLBOX,
                status=Document.Status.PUBLISHED,
                description=f"**Argumente** für die Planung, Teil {number}. "
                + PARAGRAPH * 2,
            )
        handout_times = []
        documents = list(pdf.toolbox_documents())
        for _ in range(runs):
            started = time.perf_counter()
            output = render_pdf(
                "documents/handout_pdf.html",
                {
                    "documents": documents,
                    "site_url": "https://www.regiondermitte.de",
                    "media_url": "/media/",
                },
            )
            handout_times.append(time.perf_counter() - started)
        self.stdout.write(
            f"Handout with {len(documents)} toolbox documents ({len(output) // 1000} KB, "
            f"tagged PDF/UA): median {statistics.median(handout_times):.2f} s (runs: "
            + ", ".join(f"{t:.2f}" for t in handout_times)
            + "); served from the cache afterwards"
        )


def _small_pdf(number: int) -> bytes:
    html = (
        f'<html lang="de"><title>Werkzeug {number}</title><body><h1>Werkzeug '
        f"{number}</h1><p>{PARAGRAPH}</p></body></html>"
    )
    return HTML(string=html).write_pdf()
