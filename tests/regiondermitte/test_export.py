import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from forums.models import Topic
from news.models import Article
from regiondermitte.export import Exporter, check_copy, page_path
from tests import factories

pytestmark = pytest.mark.django_db

BANNER = "Dieses Portal ist ein Archiv seit dem 31. Mai 2024"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Archive mode's state is cached; a test's rollback does not empty the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_archive(db):
    call_command("seed_demo", stdout=io.StringIO())
    factories.archive()


def export(target):
    output = io.StringIO()
    call_command("export_static", str(target), stdout=output)
    return output.getvalue()


def test_the_copy_of_the_demo_site_is_complete_and_static(
    demo_archive, tmp_path, html_checker
):
    target = tmp_path / "copy"
    summary = export(target)
    assert re.search(r"\d+ pages, \d+ files, [\d.]+ MB in [\d.]+ s", summary)

    assert check_copy(target) == []
    call_command("export_static", "--check", str(target), stdout=io.StringIO())

    # The paths of the live site, served as files.
    home = (target / "index.html").read_text()
    srek = re.search(r'href="(/dokumente/srek/download/[^"]+\.pdf)"', home).group(1)
    assert (target / srek.lstrip("/")).read_bytes().startswith(b"%PDF")
    assert "url=" in (target / "dokumente/srek/download/index.html").read_text()
    topic = Topic.objects.filter(forum__slug="nachbarschaftsforum").earliest("pk")
    assert (target / topic.get_absolute_url().lstrip("/") / "index.html").is_file()
    assert (target / "ansprechpersonen/oliver-sollbach/index.html").is_file()
    assert (target / "aktuelles/feed/index.xml").read_text().startswith("<?xml")
    assert (target / "sitemap.xml").is_file() and (target / "robots.txt").is_file()
    # Filter links have their own folder.
    assert (target / "aktuelles/_/kategorie-projekt/index.html").is_file()

    pages = list(target.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text()
        assert "<form" not in text, page
        assert "csrfmiddlewaretoken" not in text, page
        assert "/konto/" not in text, page
        if "http-equiv" not in text:
            assert BANNER in text, page

    # The search is an index A–Z of every page.
    letter = (target / "suche/s/index.html").read_text()
    assert "SREK" in letter or "Strategisches" in letter

    # What the export writes itself is valid HTML too.
    if html_checker is not None:
        for made in [
            "suche/index.html",
            "suche/s/index.html",
            "dokumente/srek/download/index.html",
            "index.html",
        ]:
            assert html_checker.errors((target / made).read_bytes()) == [], made

    # Nothing an anonymous reader may not see.
    draft = Article.objects.get(slug="unternehmensforum-nachhaltiges-wirtschaften")
    assert draft.status == "draft"
    assert not (target / draft.get_absolute_url().lstrip("/")).exists()
    assert not (target / "foren/nachhaltiges-wirtschaften").exists()


def test_a_second_run_writes_only_what_changed(demo_archive, tmp_path):
    target = tmp_path / "copy"
    export(target)
    assert not re.search(r"\b0 unchanged", export(target))
    assert re.search(r"\b0 written, \d+ unchanged, 0 removed", export(target))

    article = Article.objects.get(slug="portal-region-der-mitte-online")
    article.teaser = "Ein neuer Anreißer für das Archiv."
    article.save()
    Article.objects.filter(slug="region-gestalten-foerderung").delete()
    summary = export(target)
    written = int(re.search(r"(\d+) written", summary).group(1))
    assert 0 < written < 40
    assert int(re.search(r"(\d+) removed", summary).group(1)) >= 1
    assert not (target / "aktuelles/region-gestalten-foerderung/index.html").exists()
    assert "Ein neuer Anreißer" in (target / "index.html").read_text()
    assert check_copy(target) == []


def test_the_check_finds_broken_links_forms_and_missing_sitemap_pages(
    demo_archive, tmp_path
):
    target = tmp_path / "copy"
    export(target)
    (target / "dokumente/srek/index.html").unlink()
    page = target / "impressum/index.html"
    page.write_text(
        page.read_text().replace(
            "</main>", '<form method="post"></form><a href="/konto/login/">x</a></main>'
        )
    )
    problems = check_copy(target)
    assert any("/dokumente/srek/" in problem for problem in problems)
    assert any(p.startswith("/sitemap.xml") for p in problems)
    assert "/impressum/index.html: form" in problems
    assert "/impressum/index.html: /konto/login/" in problems
    with pytest.raises(CommandError):
        call_command("export_static", "--check", str(target), stdout=io.StringIO())


def test_the_copy_needs_archive_mode(db, tmp_path):
    with pytest.raises(CommandError, match="Archive mode is off"):
        export(tmp_path / "copy")


def test_links_with_a_query_get_a_path_of_their_own():
    assert page_path("/aktuelles/") == "/aktuelles/"
    assert page_path("/aktuelles/?kategorie=projekt&seite=2") == (
        "/aktuelles/_/kategorie-projekt/seite-2/"
    )
    assert page_path("/ansprechpersonen/verzeichnis.pdf?thema=mobilitaet") == (
        "/ansprechpersonen/_/thema-mobilitaet/verzeichnis.pdf"
    )


def test_links_to_what_only_the_live_server_has_keep_their_text(demo_archive, tmp_path):
    exporter = Exporter(tmp_path)
    exporter.fetched["/"] = exporter.fetch("/")
    html = exporter.rewrite(
        '<p><a href="/konto/login/">Anmelden</a> <a href="/">Start</a></p>', "/"
    )
    assert html == '<p>Anmelden <a href="/">Start</a></p>'
