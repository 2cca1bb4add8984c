from datetime import date
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import override

from search import markup
from search.kinds import KINDS_BY_SLUG, Hit


class _Item:
    states = ()


def test_a_hit_escapes_every_value_that_is_not_safe_and_keeps_what_is():
    hit = Hit(
        title="<b>Titel</b>",
        url='/aktuelles/a"><script>/',
        snippet=SafeString("Die <mark>Region</mark> &amp; mehr"),
        states_of=_Item(),
        date=date(2026, 12, 3),
        details=["<i>Kategorie</i>"],
    )
    with override("de"):
        html = markup.hit(hit, KINDS_BY_SLUG["nachrichten"], 2)

    assert '<h3 class="search-hit__title" id="treffer-nachrichten-2">' in html
    assert '<a href="/aktuelles/a&quot;&gt;&lt;script&gt;/">' in html
    assert "&lt;b&gt;Titel&lt;/b&gt;</a>" in html
    assert "Nachricht · &lt;i&gt;Kategorie&lt;/i&gt;" in html
    assert '<time datetime="2026-12-03">3. Dezember 2026</time>' in html
    assert (
        '<p class="search-hit__snippet">Die <mark>Region</mark> &amp; mehr</p>' in html
    )
    assert "<script" not in html and "<b>" not in html and "<i>" not in html


def _group(total, hits, capped=False):
    return SimpleNamespace(
        kind=KINDS_BY_SLUG["dokumente"],
        url="?q=a&typ=dokumente",
        total=total,
        total_capped=capped,
        count_limit=1000,
        hits=[SimpleNamespace(html=SafeString(f"<li>{n}</li>")) for n in range(hits)],
    )


def test_the_overview_counts_each_kind_and_offers_the_rest_of_its_hits():
    with override("de"):
        one = markup.overview([_group(1, 1)])
        more = markup.overview([_group(1234, 5)])
        capped = markup.overview([_group(1001, 5, capped=True)])
    with override("en"):
        english = markup.overview([_group(2, 1)])

    assert (
        '<a href="?q=a&amp;typ=dokumente">Dokumente <span class="badge">1</span>' in one
    )
    assert "<li>0</li>" in one and "more-link" not in one
    assert '<span class="badge">1.234</span>' in more
    # Grouped as the count beside the kind's name.
    assert "Alle 1.234 Treffer anzeigen" in more and "<li>4</li>" in more
    assert '<span class="badge">mehr als 1.000</span>' in capped
    assert "Alle Treffer anzeigen (mehr als 1.000)" in capped
    assert 'aria-labelledby="search-group-dokumente"' in capped
    assert "Show the hit<span" not in english and "Show all 2 hits" in english
    assert 'aria-label="Hits by area"' in english
    assert 'aria-label="Treffer nach Bereich"' in one


def test_a_kinds_page_counts_its_hits_grouped_as_the_overview_does():
    def count(total, language, capped=False):
        context = {"total": total, "capped": capped, "limit": 1000}
        with override(language):
            return render_to_string("search/_count.html", context)

    assert count(1, "de") == "1 Treffer"
    assert count(1000, "de") == "1.000 Treffer"
    assert count(1001, "de", capped=True) == "Mehr als 1.000 Treffer"
    assert count(1000, "en") == "1,000 hits"
    assert count(1, "en") == "1 hit"
