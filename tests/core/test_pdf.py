"""PDFs are the same bytes for the same content, whenever they are rendered."""

from fontTools.misc import timeTools

from core.pdf import render_pdf


def test_the_same_content_renders_to_the_same_bytes_an_hour_later(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(timeTools.time, "time", lambda: now[0])
    first = render_pdf("pdf/base.html", {})
    now[0] += 3600
    second = render_pdf("pdf/base.html", {})
    assert first.startswith(b"%PDF-")
    assert first == second
