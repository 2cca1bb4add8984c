from datetime import date

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
